/**
 * PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_PublishStateMachineVersion.html
 */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import { parseStateMachineArn } from "../names.js";
import type { StatesService } from "../states-service.js";
import { aliasArn, conflict, publishVersion, versionArn } from "../versions.js";

export async function publishStateMachineVersion(input: { stateMachineArn: string; revisionId?: string; description?: string }, ctx: RequestContext, sfn: StatesService) {
  const m = sfn.stateMachine(input.stateMachineArn, ctx);
  if (input.revisionId !== undefined && input.revisionId !== m.revisionId) {
    throw conflict(`Failed to publish the State Machine version for revision ${input.revisionId}. The current State Machine revision is ${m.revisionId}.`);
  }
  const v = publishVersion(m, ctx.clock.now(), input.description);
  await sfn.saveKeepingRevision(m);
  return { creationDate: new Date(v.creationDate), stateMachineVersionArn: versionArn(m, v) };
}

export function listStateMachineVersions(input: { stateMachineArn: string; maxResults?: number; nextToken?: string }, ctx: RequestContext, sfn: StatesService) {
  const m = sfn.stateMachine(input.stateMachineArn, ctx);
  const all = [...(m.versions ?? [])].reverse();
  const max = input.maxResults || 100;
  const start = input.nextToken !== undefined ? Number.parseInt(Buffer.from(input.nextToken, "base64url").toString("utf8"), 10) : 0;
  if (!Number.isInteger(start) || start < 0) throw StatesErrors.validation("Invalid Token: 'Invalid token'");
  return {
    stateMachineVersions: all.slice(start, start + max).map((v) => ({ stateMachineVersionArn: versionArn(m, v), creationDate: new Date(v.creationDate) })),
    nextToken: start + max < all.length ? Buffer.from(String(start + max)).toString("base64url") : undefined,
  };
}

export async function deleteStateMachineVersion(input: { stateMachineVersionArn: string }, ctx: RequestContext, sfn: StatesService) {
  const ref = parseStateMachineArn(input.stateMachineVersionArn);
  if (ref.qualifier === undefined || !/^\d+$/.test(ref.qualifier)) throw StatesErrors.invalidArn(`Invalid ARN: ${input.stateMachineVersionArn}`);
  const m = sfn.stateMachines.get(input.stateMachineVersionArn.slice(0, input.stateMachineVersionArn.lastIndexOf(":")));
  const v = m?.versions?.find((x) => x.version === Number(ref.qualifier));
  // Deleting a version that does not exist succeeds, as on AWS.
  if (!m || !v || m.accountId !== ctx.accountId || m.region !== ctx.region) return {};
  const arn = versionArn(m, v);
  const referencing = (m.aliases ?? []).filter((a) => a.routing.some((r) => r.stateMachineVersionArn === arn));
  if (referencing.length > 0) {
    throw conflict(`Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${referencing.map((a) => aliasArn(m, a)).join(", ")}]`);
  }
  m.versions = m.versions!.filter((x) => x !== v);
  await sfn.saveKeepingRevision(m);
  return {};
}
