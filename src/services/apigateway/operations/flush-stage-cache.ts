/**
 * FlushStageCache: empties a stage's cache. https://docs.aws.amazon.com/apigateway/latest/api/API_FlushStageCache.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";

export function flushStageCache(input: { restApiId: string; stageName: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  if (!api.stages?.[input.stageName]) throw ApiGatewayErrors.notFound("Invalid stage identifier specified");
  gw.cache.flush(api.id, input.stageName);
  return {};
}
