/**
 * Activities: CreateActivity (idempotent by name), DescribeActivity, DeleteActivity,
 * ListActivities, and GetActivityTask, the workers' long poll for a task.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-activities.html
 */
import type { RequestContext } from "../../../core/service.js";
import { arn as makeArn } from "../../../core/ids.js";
import { StatesErrors } from "../errors.js";
import { checkName } from "../names.js";
import type { StatesService } from "../states-service.js";
import { applyTags, type Tag } from "../tags.js";

export async function createActivity(input: { name: string; tags?: Tag[] }, ctx: RequestContext, sfn: StatesService) {
  checkName(input.name);
  const arn = makeArn("states", ctx.region, ctx.accountId, `activity:${input.name}`);
  const existing = sfn.activities.get(arn);
  if (existing) return { activityArn: arn, creationDate: new Date(existing.creationDate) };
  const a = { arn, accountId: ctx.accountId, region: ctx.region, name: input.name, creationDate: ctx.clock.now(), tags: applyTags(arn, {}, input.tags) };
  await sfn.saveActivity(a);
  return { activityArn: arn, creationDate: new Date(a.creationDate) };
}

export function describeActivity(input: { activityArn: string }, ctx: RequestContext, sfn: StatesService) {
  const a = sfn.activity(input.activityArn, ctx);
  return { activityArn: a.arn, name: a.name, creationDate: new Date(a.creationDate), encryptionConfiguration: { type: "AWS_OWNED_KEY" } };
}

export async function deleteActivity(input: { activityArn: string }, ctx: RequestContext, sfn: StatesService) {
  const a = sfn.activities.get(input.activityArn);
  if (a && a.accountId === ctx.accountId && a.region === ctx.region) await sfn.removeActivity(a);
  return {};
}

export function listActivities(input: { maxResults?: number; nextToken?: string }, ctx: RequestContext, sfn: StatesService) {
  const all = [...sfn.activities.values()].filter((a) => a.accountId === ctx.accountId && a.region === ctx.region);
  const max = input.maxResults || 100;
  const start = input.nextToken !== undefined ? Number.parseInt(Buffer.from(input.nextToken, "base64url").toString("utf8"), 10) : 0;
  if (!Number.isInteger(start) || start < 0) throw StatesErrors.validation("Invalid Token: 'Invalid token'");
  return {
    activities: all.slice(start, start + max).map((a) => ({ activityArn: a.arn, name: a.name, creationDate: new Date(a.creationDate) })),
    nextToken: start + max < all.length ? Buffer.from(String(start + max)).toString("base64url") : undefined,
  };
}

/** Waits up to 60 s for a task; answers `{}` when none came (as AWS does). */
export async function getActivityTask(input: { activityArn: string; workerName?: string }, ctx: RequestContext, sfn: StatesService) {
  const a = sfn.activity(input.activityArn, ctx);
  const task = await sfn.executor.activities.take(a.arn, ctx.signal);
  if (!task) return {};
  const e = sfn.executions.get(task.executionArn);
  if (e) await sfn.executor.advance(e, { kind: "activityStarted", token: task.token, workerName: input.workerName });
  return { taskToken: task.token, input: JSON.stringify(task.input) };
}
