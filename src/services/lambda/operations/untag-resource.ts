/**
 * UntagResource: removes tags of a function by key; keys it does not have are ignored.
 * https://docs.aws.amazon.com/lambda/latest/api/API_UntagResource.html
 */
import { randomUUID } from "node:crypto";
import type { RequestContext } from "../../../core/service.js";
import { ServiceError } from "../../../core/errors.js";
import type { LambdaService } from "../lambda-service.js";
import { requireTaggedFunction } from "../tagged-function.js";

export async function untagResource(input: { Resource: string; TagKeys?: string[] }, ctx: RequestContext, lambda: LambdaService) {
  if (!input.TagKeys || input.TagKeys.length === 0) {
    throw new ServiceError("ValidationException", "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null", { status: 400 });
  }
  const fn = requireTaggedFunction(input.Resource, ctx, lambda);
  for (const key of input.TagKeys) delete fn.tags[key];
  fn.latest.config.RevisionId = randomUUID();
  await lambda.functions.save(fn);
  return {};
}
