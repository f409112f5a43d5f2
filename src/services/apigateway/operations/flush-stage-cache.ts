/**
 * FlushStageCache (the stage's response cache) and FlushStageAuthorizersCache (its cached
 * authorizer answers).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_FlushStageCache.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_FlushStageAuthorizersCache.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";

function stageOf(input: { restApiId: string; stageName: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  if (!api.stages?.[input.stageName]) throw ApiGatewayErrors.notFound("Invalid stage identifier specified");
  return api;
}

export function flushStageCache(input: { restApiId: string; stageName: string }, ctx: RequestContext, gw: ApiGatewayService) {
  gw.cache.flush(stageOf(input, ctx, gw).id, input.stageName);
  return {};
}

export function flushStageAuthorizersCache(input: { restApiId: string; stageName: string }, ctx: RequestContext, gw: ApiGatewayService) {
  gw.authorizers.flushStage(stageOf(input, ctx, gw).id, input.stageName);
  return {};
}
