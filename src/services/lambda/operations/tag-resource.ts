/**
 * TagResource: adds or overwrites tags of a function (at most 50 in all).
 * https://docs.aws.amazon.com/lambda/latest/api/API_TagResource.html
 */
import { randomUUID } from "node:crypto";
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import type { LambdaService } from "../lambda-service.js";
import { requireTaggedFunction } from "../tagged-function.js";
import { validateTags } from "../tags.js";

export async function tagResource(input: { Resource: string; Tags: Record<string, string> }, ctx: RequestContext, lambda: LambdaService) {
  const fn = requireTaggedFunction(input.Resource, ctx, lambda);
  if (Object.keys(input.Tags).length === 0) throw LambdaErrors.invalidParameter("An error occurred and the request cannot be processed.");
  validateTags(input.Tags);
  fn.tags = validateTags({ ...fn.tags, ...input.Tags });
  // A tag change is a change of the function: $LATEST gets a new RevisionId, as on AWS.
  fn.latest.config.RevisionId = randomUUID();
  await lambda.functions.save(fn);
  return {};
}
