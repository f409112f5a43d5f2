/**
 * ListFunctionEventInvokeConfigs: the configs of a function's `$LATEST`, versions and aliases
 * (MaxItems 1–50).
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctionEventInvokeConfigs.html
 */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import { configOutput } from "../event-invoke-config.js";
import type { LambdaService } from "../lambda-service.js";
import { functionArn, parseFunctionName } from "../names.js";
import { page } from "../paging.js";

export const MAX_EVENT_INVOKE_CONFIG_LIST_ITEMS = 50;

export function listFunctionEventInvokeConfigs(input: { FunctionName: string; Marker?: string; MaxItems?: number }, ctx: RequestContext, lambda: LambdaService) {
  if (input.MaxItems !== undefined && input.MaxItems > MAX_EVENT_INVOKE_CONFIG_LIST_ITEMS) {
    throw LambdaErrors.validation(input.MaxItems, "maxItems", `Member must have value less than or equal to ${MAX_EVENT_INVOKE_CONFIG_LIST_ITEMS}`);
  }
  const ref = parseFunctionName(input.FunctionName, ctx);
  const fn = ref.accountId === ctx.accountId ? lambda.functions.find(ref) : undefined;
  if (!fn) throw LambdaErrors.notFound("The function doesn't exist.");
  // $LATEST first, then versions in number order, then aliases by name.
  const sortKey = (q: string) => (q === "$LATEST" ? "0" : /^\d+$/.test(q) ? `1${q.padStart(10, "0")}` : `2${q}`);
  const keys = Object.keys(fn.eventInvokeConfigs).map(sortKey).sort();
  const { items, next } = page(keys, (k) => k, input.Marker, input.MaxItems);
  const qualifierOf = (k: string) => (k === "0" ? "$LATEST" : k.startsWith("1") ? String(Number(k.slice(1))) : k.slice(1));
  return {
    FunctionEventInvokeConfigs: items.map((k) => configOutput(fn.eventInvokeConfigs[qualifierOf(k)], functionArn(fn, qualifierOf(k)))),
    NextMarker: next,
  };
}
