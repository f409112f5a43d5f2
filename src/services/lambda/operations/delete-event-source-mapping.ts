/**
 * DeleteEventSourceMapping: answers the mapping with State Deleting and forgets it; batches
 * already received still finish.
 * https://docs.aws.amazon.com/lambda/latest/api/API_DeleteEventSourceMapping.html
 */
import type { RequestContext } from "../../../core/service.js";
import { mappingView } from "../event-sources/mapping-record.js";
import type { LambdaService } from "../lambda-service.js";

export async function deleteEventSourceMapping(input: { UUID: string }, ctx: RequestContext, lambda: LambdaService) {
  const record = lambda.eventSourceMappings.require(input.UUID, ctx);
  await lambda.eventSourceMappings.delete(record);
  return mappingView(record, "Deleting");
}
