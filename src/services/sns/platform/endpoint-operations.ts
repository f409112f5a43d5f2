/**
 * Platform endpoints (one device token of one application): stored; Publish to one is recorded
 * (publish-to-endpoint.ts).
 * https://docs.aws.amazon.com/sns/latest/api/API_CreatePlatformEndpoint.html
 * https://docs.aws.amazon.com/sns/latest/api/API_GetEndpointAttributes.html
 * https://docs.aws.amazon.com/sns/latest/api/API_SetEndpointAttributes.html
 * https://docs.aws.amazon.com/sns/latest/api/API_ListEndpointsByPlatformApplication.html
 * https://docs.aws.amazon.com/sns/latest/api/API_DeleteEndpoint.html
 */
import { newUuid } from "../../../core/ids.js";
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import { page } from "../pagination.js";
import type { SnsService } from "../sns-service.js";
import { checkEndpointAttributes, checkToken } from "./platform-attributes.js";
import { checkResourceArn, endpointArn } from "./platform-names.js";
import type { PlatformEndpointRecord } from "./types.js";

/**
 * Idempotent: the same token with the same attributes (Enabled, CustomUserData) returns the
 * endpoint the application already has for it; different attributes are refused with AWS's
 * message, which names that endpoint. CustomUserData in Attributes wins over the parameter.
 */
export async function createPlatformEndpoint(
  input: { PlatformApplicationArn: string; Token: string; CustomUserData?: string; Attributes?: Record<string, string> },
  ctx: RequestContext,
  sns: SnsService,
) {
  const app = sns.platform.application(input.PlatformApplicationArn, ctx);
  checkToken(input.Token, app.platform);
  const given = checkEndpointAttributes({ ...(input.CustomUserData !== undefined ? { CustomUserData: input.CustomUserData } : {}), ...(input.Attributes ?? {}) }, app.platform);
  const attributes: Record<string, string> = { Token: input.Token, Enabled: given.Enabled ?? "true" };
  if (given.CustomUserData !== undefined && given.CustomUserData !== "") attributes.CustomUserData = given.CustomUserData;

  const existing = sns.platform.endpointByToken(app.arn, input.Token);
  if (existing) {
    const same = existing.attributes.Enabled === attributes.Enabled && existing.attributes.CustomUserData === attributes.CustomUserData;
    if (!same) throw SnsErrors.invalidParameter(`Token Reason: Endpoint ${existing.arn} already exists with the same Token, but different attributes.`);
    return { EndpointArn: existing.arn };
  }
  const endpoint: PlatformEndpointRecord = {
    arn: endpointArn(app.region, app.accountId, app.platform, app.name, newUuid()),
    applicationArn: app.arn,
    accountId: app.accountId,
    region: app.region,
    attributes,
  };
  await sns.platform.saveEndpoint(endpoint);
  return { EndpointArn: endpoint.arn };
}

export function getEndpointAttributes(input: { EndpointArn: string }, ctx: RequestContext, sns: SnsService) {
  return { Attributes: { ...sns.platform.endpoint(input.EndpointArn, ctx).attributes } };
}

/** Token, Enabled and CustomUserData; an empty CustomUserData removes it. */
export async function setEndpointAttributes(input: { EndpointArn: string; Attributes: Record<string, string> }, ctx: RequestContext, sns: SnsService) {
  if (Object.keys(input.Attributes).length === 0) throw SnsErrors.invalidParameter("Attributes Reason: no value for required parameter");
  const endpoint = sns.platform.endpoint(input.EndpointArn, ctx);
  const platform = sns.platform.applications.get(endpoint.applicationArn)?.platform ?? "";
  const given = checkEndpointAttributes(input.Attributes, platform);
  const attributes = { ...endpoint.attributes, ...given };
  if (attributes.CustomUserData === "") delete attributes.CustomUserData;
  await sns.platform.saveEndpoint({ ...endpoint, attributes }, endpoint.attributes.Token);
  return {};
}

/** 100 a page, in creation order. */
export function listEndpointsByPlatformApplication(input: { PlatformApplicationArn: string; NextToken?: string }, ctx: RequestContext, sns: SnsService) {
  const app = sns.platform.application(input.PlatformApplicationArn, ctx);
  const { items, nextToken } = page(sns.platform.endpointsOf(app.arn), input.NextToken);
  return { Endpoints: items.map((e) => ({ EndpointArn: e.arn, Attributes: { ...e.attributes } })), NextToken: nextToken };
}

/** Deleting an endpoint that does not exist succeeds, as on AWS. */
export async function deleteEndpoint(input: { EndpointArn: string }, ctx: RequestContext, sns: SnsService) {
  checkResourceArn("EndpointArn", input.EndpointArn);
  const endpoint = sns.platform.findEndpoint(input.EndpointArn, ctx);
  if (endpoint) await sns.platform.deleteEndpoint(endpoint);
  return {};
}
