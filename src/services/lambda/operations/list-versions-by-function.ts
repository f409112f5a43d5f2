/** ListVersionsByFunction: $LATEST first, then each version. https://docs.aws.amazon.com/lambda/latest/api/API_ListVersionsByFunction.html */
import type { RequestContext } from "../../../core/service.js";
import type { LambdaService } from "../lambda-service.js";
import { page } from "../paging.js";

export function listVersionsByFunction(input: { FunctionName: string; Marker?: string; MaxItems?: number }, ctx: RequestContext, lambda: LambdaService) {
  const { fn } = lambda.functions.require(input.FunctionName, ctx);
  const configs = [fn.latest.config, ...Object.keys(fn.versions).sort((a, b) => Number(a) - Number(b)).map((v) => fn.versions[v].config)];
  const { items, next } = page(configs, (c) => (c.Version === "$LATEST" ? "" : c.Version.padStart(10, "0")), input.Marker, input.MaxItems);
  return { Versions: items.map((c) => ({ ...c })), NextMarker: next };
}
