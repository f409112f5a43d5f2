/** GetEventSourceMapping: https://docs.aws.amazon.com/lambda/latest/api/API_GetEventSourceMapping.html */
import type { RequestContext } from "../../../core/service.js";
import { mappingView } from "../event-sources/mapping-record.js";
import type { LambdaService } from "../lambda-service.js";

export function getEventSourceMapping(input: { UUID: string }, ctx: RequestContext, lambda: LambdaService) {
  return mappingView(lambda.eventSourceMappings.require(input.UUID, ctx));
}
