/**
 * TagResource, UntagResource, ListTagsForResource (topics):
 * https://docs.aws.amazon.com/sns/latest/api/API_TagResource.html
 */
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import type { SnsService } from "../sns-service.js";
import { applyTags, tagList, type Tag } from "../tags.js";
import type { TopicRecord } from "../types.js";

function taggable(arn: string, ctx: RequestContext, sns: SnsService): TopicRecord {
  const t = sns.registry.topics.get(arn);
  if (!t || t.accountId !== ctx.accountId || t.region !== ctx.region) throw SnsErrors.resourceNotFound();
  return t;
}

export async function tagResource(input: { ResourceArn: string; Tags: Tag[] }, ctx: RequestContext, sns: SnsService) {
  const t = taggable(input.ResourceArn, ctx, sns);
  t.tags = applyTags(t.tags, input.Tags);
  await sns.registry.saveTopic(t);
  return {};
}

export async function untagResource(input: { ResourceArn: string; TagKeys: string[] }, ctx: RequestContext, sns: SnsService) {
  const t = taggable(input.ResourceArn, ctx, sns);
  for (const k of input.TagKeys ?? []) delete t.tags[k];
  await sns.registry.saveTopic(t);
  return {};
}

export function listTagsForResource(input: { ResourceArn: string }, ctx: RequestContext, sns: SnsService) {
  return { Tags: tagList(taggable(input.ResourceArn, ctx, sns).tags) };
}
