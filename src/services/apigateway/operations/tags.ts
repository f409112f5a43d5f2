/**
 * TagResource, UntagResource, GetTags on REST APIs, stages, API keys and usage plans, named by
 * their ARNs (`arn:aws:apigateway:{region}::/restapis/{id}`, `…/restapis/{id}/stages/{name}`,
 * `…::/apikeys/{id}`, `…::/usageplans/{id}`). At most 50 tags; keys 1–128 characters, values up
 * to 256; the `aws:` prefix is AWS's own.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_TagResource.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-tagging-supported-resources.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";

const ARN = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/(restapis\/([a-z0-9]+)(?:\/stages\/([^/]+))?|apikeys\/([a-z0-9]+)|usageplans\/([a-z0-9]+))$/;
const MAX_TAGS = 50;

/** The tags of the resource an ARN names, and how to save them. */
function tagged(arn: string, ctx: RequestContext, gw: ApiGatewayService): { tags: Record<string, string>; save: () => Promise<void> } {
  const m = ARN.exec(arn ?? "");
  if (!m || m[1] !== ctx.region) throw ApiGatewayErrors.notFound(`Invalid resource ARN specified: ${arn}`);
  const [, , , apiId, stageName, keyId, planId] = m;
  if (apiId) {
    const api = gw.api(apiId, ctx);
    if (stageName) {
      const stage = api.stages?.[stageName];
      if (!stage) throw ApiGatewayErrors.notFound("Invalid stage identifier specified");
      return { tags: stage.tags, save: () => gw.save(api) };
    }
    return { tags: api.tags, save: () => gw.save(api) };
  }
  if (keyId) {
    const key = gw.usage.state.key(keyId, ctx);
    return { tags: key.tags, save: () => gw.usage.state.saveKey(key) };
  }
  const plan = gw.usage.state.plan(planId, ctx);
  return { tags: plan.tags, save: () => gw.usage.state.savePlan(plan) };
}

export async function tagResource(input: { resourceArn: string; tags?: Record<string, string> }, ctx: RequestContext, gw: ApiGatewayService) {
  const target = tagged(input.resourceArn, ctx, gw);
  for (const [k, v] of Object.entries(input.tags ?? {})) {
    if (k.length < 1 || k.length > 128) throw ApiGatewayErrors.badRequest(`Tag key must be between 1 and 128 characters: ${k}`);
    if (k.toLowerCase().startsWith("aws:")) throw ApiGatewayErrors.badRequest("Tag keys starting with 'aws:' are reserved for AWS");
    if (v.length > 256) throw ApiGatewayErrors.badRequest(`Tag value must be at most 256 characters: ${k}`);
  }
  const next = { ...target.tags, ...(input.tags ?? {}) };
  if (Object.keys(next).length > MAX_TAGS) throw ApiGatewayErrors.badRequest(`Too many tags: a resource can have at most ${MAX_TAGS}`);
  Object.assign(target.tags, input.tags ?? {});
  await target.save();
  return {};
}

export async function untagResource(input: { resourceArn: string; tagKeys?: string[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const target = tagged(input.resourceArn, ctx, gw);
  for (const k of input.tagKeys ?? []) delete target.tags[k];
  await target.save();
  return {};
}

export function getTags(input: { resourceArn: string }, ctx: RequestContext, gw: ApiGatewayService) {
  return { tags: { ...tagged(input.resourceArn, ctx, gw).tags } };
}
