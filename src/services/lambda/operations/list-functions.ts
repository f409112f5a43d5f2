/**
 * ListFunctions: $LATEST of every function, or every version with `FunctionVersion=ALL`.
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html
 */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import type { LambdaService } from "../lambda-service.js";
import { page } from "../paging.js";
import type { FunctionConfiguration } from "../types.js";

export function listFunctions(input: { FunctionVersion?: string; Marker?: string; MaxItems?: number; MasterRegion?: string }, ctx: RequestContext, lambda: LambdaService) {
  if (input.FunctionVersion !== undefined && input.FunctionVersion !== "ALL") {
    throw LambdaErrors.validation(input.FunctionVersion, "functionVersion", "Member must satisfy enum value set: [ALL]");
  }
  const configs: FunctionConfiguration[] = [];
  for (const fn of lambda.functions.list(ctx.accountId, ctx.region)) {
    configs.push(fn.latest.config);
    if (input.FunctionVersion === "ALL") for (const n of Object.keys(fn.versions).sort((a, b) => Number(a) - Number(b))) configs.push(fn.versions[n].config);
  }
  const { items, next } = page(configs, (c) => `${c.FunctionName}\u0000${c.Version === "$LATEST" ? "" : c.Version.padStart(10, "0")}`, input.Marker, input.MaxItems);
  return { Functions: items.map((c) => ({ ...c })), NextMarker: next };
}
