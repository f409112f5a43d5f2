/** ListTags: the tags of a function. https://docs.aws.amazon.com/lambda/latest/api/API_ListTags.html */
import type { RequestContext } from "../../../core/service.js";
import type { LambdaService } from "../lambda-service.js";
import { requireTaggedFunction } from "../tagged-function.js";

export function listTags(input: { Resource: string }, ctx: RequestContext, lambda: LambdaService) {
  return { Tags: { ...requireTaggedFunction(input.Resource, ctx, lambda).tags } };
}
