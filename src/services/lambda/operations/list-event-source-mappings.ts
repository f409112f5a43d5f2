/**
 * ListEventSourceMappings: the caller's mappings, optionally those of one event source and/or
 * one function (an unqualified name matches the mappings of every version and alias).
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListEventSourceMappings.html
 */
import type { RequestContext } from "../../../core/service.js";
import { mappingView } from "../event-sources/mapping-record.js";
import type { LambdaService } from "../lambda-service.js";
import { parseFunctionName } from "../names.js";
import { page } from "../paging.js";

export function listEventSourceMappings(input: { EventSourceArn?: string; FunctionName?: string; Marker?: string; MaxItems?: number }, ctx: RequestContext, lambda: LambdaService) {
  const fn = input.FunctionName !== undefined ? parseFunctionName(input.FunctionName, ctx) : undefined;
  const mappings = lambda.eventSourceMappings
    .list(ctx)
    .filter((r) => input.EventSourceArn === undefined || r.EventSourceArn === input.EventSourceArn)
    .filter((r) => !fn || (r.accountId === fn.accountId && r.functionName === fn.name && (fn.qualifier === undefined || r.qualifier === fn.qualifier)));
  const { items, next } = page(mappings, (r) => r.UUID, input.Marker, input.MaxItems);
  return { EventSourceMappings: items.map((r) => mappingView(r)), NextMarker: next };
}
