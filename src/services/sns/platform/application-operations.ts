/**
 * Platform applications: stored, never connected to a push service (credentials are kept as
 * given and never returned).
 * https://docs.aws.amazon.com/sns/latest/api/API_CreatePlatformApplication.html
 * https://docs.aws.amazon.com/sns/latest/api/API_GetPlatformApplicationAttributes.html
 * https://docs.aws.amazon.com/sns/latest/api/API_SetPlatformApplicationAttributes.html
 * https://docs.aws.amazon.com/sns/latest/api/API_ListPlatformApplications.html
 * https://docs.aws.amazon.com/sns/latest/api/API_DeletePlatformApplication.html
 */
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import { page } from "../pagination.js";
import type { SnsService } from "../sns-service.js";
import { applicationAttributesView, checkApplicationAttributes } from "./platform-attributes.js";
import { applicationArn, checkApplicationName, checkPlatform, checkResourceArn } from "./platform-names.js";
import type { PlatformApplicationRecord } from "./types.js";

/**
 * Creating an application that exists (same name and platform) returns it, with the attributes
 * given applied over the ones it has.
 */
export async function createPlatformApplication(input: { Name: string; Platform: string; Attributes: Record<string, string> }, ctx: RequestContext, sns: SnsService) {
  checkApplicationName(input.Name);
  checkPlatform(input.Platform);
  checkApplicationAttributes(input.Attributes, input.Platform, true);
  const arn = applicationArn(ctx.region, ctx.accountId, input.Platform, input.Name);
  const existing = sns.platform.applications.get(arn);
  const app: PlatformApplicationRecord = existing
    ? { ...existing, attributes: { ...existing.attributes, ...input.Attributes } }
    : { arn, accountId: ctx.accountId, region: ctx.region, name: input.Name, platform: input.Platform, attributes: { ...input.Attributes } };
  await sns.platform.saveApplication(app);
  return { PlatformApplicationArn: arn };
}

export function getPlatformApplicationAttributes(input: { PlatformApplicationArn: string }, ctx: RequestContext, sns: SnsService) {
  const app = sns.platform.application(input.PlatformApplicationArn, ctx);
  return { Attributes: applicationAttributesView(app) };
}

/** An empty value removes the attribute. */
export async function setPlatformApplicationAttributes(input: { PlatformApplicationArn: string; Attributes: Record<string, string> }, ctx: RequestContext, sns: SnsService) {
  if (Object.keys(input.Attributes).length === 0) throw SnsErrors.invalidParameter("Attributes Reason: no value for required parameter");
  const app = sns.platform.application(input.PlatformApplicationArn, ctx);
  checkApplicationAttributes(input.Attributes, app.platform, false);
  const attributes = { ...app.attributes };
  for (const [name, value] of Object.entries(input.Attributes)) {
    if (value === "") delete attributes[name];
    else attributes[name] = value;
  }
  await sns.platform.saveApplication({ ...app, attributes });
  return {};
}

/** 100 a page, in creation order. */
export function listPlatformApplications(input: { NextToken?: string }, ctx: RequestContext, sns: SnsService) {
  const { items, nextToken } = page(sns.platform.applicationsIn(ctx), input.NextToken);
  return { PlatformApplications: items.map((app) => ({ PlatformApplicationArn: app.arn, Attributes: applicationAttributesView(app) })), NextToken: nextToken };
}

/** Deletes the application and its endpoints; deleting one that does not exist succeeds. */
export async function deletePlatformApplication(input: { PlatformApplicationArn: string }, ctx: RequestContext, sns: SnsService) {
  checkResourceArn("PlatformApplicationArn", input.PlatformApplicationArn);
  const app = sns.platform.applications.get(input.PlatformApplicationArn);
  if (app && app.accountId === ctx.accountId && app.region === ctx.region) await sns.platform.deleteApplication(app);
  return {};
}
