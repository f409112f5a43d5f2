/**
 * Deployments (CreateDeployment, GetDeployment, GetDeployments, DeleteDeployment) and stages
 * (CreateStage, GetStage, GetStages, DeleteStage). A deployment is a snapshot of the API's
 * resources, methods and integrations; a stage names the deployment clients call.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { apiDefinition } from "../invoke/simulated-call.js";
import { newId } from "../ids.js";
import { page } from "../pagination.js";
import { applyPatches, type PatchOperation } from "../patch.js";
import type { DeploymentRecord, RestApiRecord, StageRecord } from "../types.js";
import { methodSettingsView } from "../usage/method-settings.js";

const STAGE_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const CACHE_SIZES = new Set(["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"]);

interface StageSettings {
  description?: string;
  cacheClusterEnabled?: boolean;
  cacheClusterSize?: string;
  variables?: Record<string, string>;
  tracingEnabled?: boolean;
  tags?: Record<string, string>;
}

function deploymentView(d: DeploymentRecord) {
  // apiSummary: path → method → how it is protected.
  const apiSummary: Record<string, Record<string, { authorizationType: string; apiKeyRequired: boolean }>> = {};
  for (const r of Object.values(d.resources)) {
    for (const m of Object.values(r.methods)) (apiSummary[r.path] ??= {})[m.httpMethod] = { authorizationType: m.authorizationType, apiKeyRequired: m.apiKeyRequired };
  }
  return { id: d.id, description: d.description, createdDate: new Date(d.createdDate), apiSummary };
}

function stageView(s: StageRecord) {
  return {
    deploymentId: s.deploymentId,
    stageName: s.stageName,
    description: s.description,
    cacheClusterEnabled: s.cacheClusterEnabled,
    cacheClusterSize: s.cacheClusterSize,
    cacheClusterStatus: s.cacheClusterEnabled ? "AVAILABLE" : "NOT_AVAILABLE",
    methodSettings: methodSettingsView(s.methodSettings),
    variables: Object.keys(s.variables).length ? s.variables : undefined,
    tracingEnabled: s.tracingEnabled,
    tags: Object.keys(s.tags).length ? s.tags : undefined,
    createdDate: new Date(s.createdDate),
    lastUpdatedDate: new Date(s.lastUpdatedDate),
  };
}

function newStage(stageName: string, deploymentId: string, settings: StageSettings, now: number): StageRecord {
  if (!STAGE_NAME.test(stageName)) throw ApiGatewayErrors.badRequest("Stage name only allows a-zA-Z0-9_");
  if (settings.cacheClusterSize !== undefined && !CACHE_SIZES.has(settings.cacheClusterSize)) throw ApiGatewayErrors.badRequest(`Invalid cache cluster size specified: ${settings.cacheClusterSize}`);
  for (const [k, v] of Object.entries(settings.variables ?? {})) {
    if (!/^[A-Za-z0-9_]+$/.test(k)) throw ApiGatewayErrors.badRequest(`Stage variable name must only contain alphanumeric and underscore characters: ${k}`);
    if (!/^[A-Za-z0-9-._~:/?#&=,]*$/.test(v)) throw ApiGatewayErrors.badRequest(`Stage variable value ${v} contains characters that are not allowed`);
  }
  return {
    stageName,
    deploymentId,
    description: settings.description,
    cacheClusterEnabled: settings.cacheClusterEnabled ?? false,
    ...(settings.cacheClusterSize ? { cacheClusterSize: settings.cacheClusterSize } : {}),
    variables: { ...(settings.variables ?? {}) },
    tracingEnabled: settings.tracingEnabled ?? false,
    tags: { ...(settings.tags ?? {}) },
    createdDate: now,
    lastUpdatedDate: now,
  };
}

export async function createDeployment(
  input: { restApiId: string; stageName?: string; stageDescription?: string; description?: string; cacheClusterEnabled?: boolean; cacheClusterSize?: string; variables?: Record<string, string>; tracingEnabled?: boolean },
  ctx: RequestContext,
  gw: ApiGatewayService,
) {
  const api = gw.api(input.restApiId, ctx);
  if (!Object.values(api.resources).some((r) => Object.keys(r.methods).length > 0)) throw ApiGatewayErrors.badRequest("The REST API doesn't contain any methods");
  for (const r of Object.values(api.resources)) {
    for (const m of Object.values(r.methods)) if (!m.methodIntegration) throw ApiGatewayErrors.badRequest("No integration defined for method");
  }
  const now = ctx.clock.now();
  const d: DeploymentRecord = {
    id: newId(),
    description: input.description,
    createdDate: now,
    ...structuredClone(apiDefinition(api)),
  };
  api.deployments ??= {};
  api.deployments[d.id] = d;
  if (input.stageName !== undefined) {
    api.stages ??= {};
    const existing = api.stages[input.stageName];
    if (existing) {
      existing.deploymentId = d.id;
      existing.lastUpdatedDate = now;
      if (input.variables) existing.variables = { ...existing.variables, ...input.variables };
    } else {
      api.stages[input.stageName] = newStage(input.stageName, d.id, { description: input.stageDescription, cacheClusterEnabled: input.cacheClusterEnabled, cacheClusterSize: input.cacheClusterSize, variables: input.variables, tracingEnabled: input.tracingEnabled }, now);
    }
  }
  await gw.save(api);
  return deploymentView(d);
}

function deploymentOf(api: RestApiRecord, id: string): DeploymentRecord {
  const d = api.deployments?.[id];
  if (!d) throw ApiGatewayErrors.notFound(`Invalid Deployment identifier specified`);
  return d;
}

export function getDeployment(input: { restApiId: string; deploymentId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  return deploymentView(deploymentOf(gw.api(input.restApiId, ctx), input.deploymentId));
}

export function getDeployments(input: { restApiId: string; limit?: number; position?: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const { items, position } = page(Object.values(api.deployments ?? {}), input.limit, input.position);
  return { items: items.map(deploymentView), position };
}

export async function deleteDeployment(input: { restApiId: string; deploymentId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  deploymentOf(api, input.deploymentId);
  if (Object.values(api.stages ?? {}).some((s) => s.deploymentId === input.deploymentId)) throw ApiGatewayErrors.badRequest("Active stages pointing to this deployment must be moved or deleted");
  delete api.deployments![input.deploymentId];
  await gw.save(api);
  return {};
}

export async function createStage(input: { restApiId: string; stageName: string; deploymentId: string } & StageSettings, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  deploymentOf(api, input.deploymentId);
  api.stages ??= {};
  if (api.stages[input.stageName]) throw ApiGatewayErrors.conflict("Stage already exists");
  const s = newStage(input.stageName, input.deploymentId, input, ctx.clock.now());
  api.stages[s.stageName] = s;
  await gw.save(api);
  return stageView(s);
}

function stageOf(api: RestApiRecord, name: string): StageRecord {
  const s = api.stages?.[name];
  if (!s) throw ApiGatewayErrors.notFound(`Invalid stage identifier specified`);
  return s;
}

export function getStage(input: { restApiId: string; stageName: string }, ctx: RequestContext, gw: ApiGatewayService) {
  return stageView(stageOf(gw.api(input.restApiId, ctx), input.stageName));
}

export function getStages(input: { restApiId: string; deploymentId?: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const stages = Object.values(api.stages ?? {}).filter((s) => input.deploymentId === undefined || s.deploymentId === input.deploymentId);
  return { item: stages.map(stageView) };
}

export async function deleteStage(input: { restApiId: string; stageName: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  stageOf(api, input.stageName);
  delete api.stages![input.stageName];
  await gw.save(api);
  return {};
}

/** UpdateDeployment: only its description changes. https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateDeployment.html */
export async function updateDeployment(input: { restApiId: string; deploymentId: string; patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const d = deploymentOf(api, input.deploymentId);
  applyPatches(d, input.patchOperations, [{ path: "/description", ops: ["replace"], apply: (x, p) => (x.description = p.value) }]);
  await gw.save(api);
  return deploymentView(d);
}
