/** TagResource, UntagResource, ListTagsForResource (state machines): https://docs.aws.amazon.com/step-functions/latest/apireference/API_TagResource.html */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import type { StatesService } from "../states-service.js";
import { applyTags, tagList, type Tag } from "../tags.js";
import type { StateMachineRecord } from "../types.js";

function taggable(arn: string, ctx: RequestContext, sfn: StatesService): StateMachineRecord {
  try {
    return sfn.stateMachine(arn, ctx);
  } catch {
    throw StatesErrors.resourceNotFound(arn);
  }
}

export async function tagResource(input: { resourceArn: string; tags: Tag[] }, ctx: RequestContext, sfn: StatesService) {
  const m = taggable(input.resourceArn, ctx, sfn);
  m.tags = applyTags(m.arn, m.tags, input.tags);
  await sfn.saveKeepingRevision(m);
  return {};
}

export async function untagResource(input: { resourceArn: string; tagKeys: string[] }, ctx: RequestContext, sfn: StatesService) {
  const m = taggable(input.resourceArn, ctx, sfn);
  for (const k of input.tagKeys ?? []) delete m.tags[k];
  await sfn.saveKeepingRevision(m);
  return {};
}

export function listTagsForResource(input: { resourceArn: string }, ctx: RequestContext, sfn: StatesService) {
  return { tags: tagList(taggable(input.resourceArn, ctx, sfn).tags) };
}
