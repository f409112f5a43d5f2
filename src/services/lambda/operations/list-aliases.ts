/** ListAliases: optionally only those pointing at one version. https://docs.aws.amazon.com/lambda/latest/api/API_ListAliases.html */
import type { RequestContext } from "../../../core/service.js";
import type { LambdaService } from "../lambda-service.js";
import { page } from "../paging.js";

export function listAliases(input: { FunctionName: string; FunctionVersion?: string; Marker?: string; MaxItems?: number }, ctx: RequestContext, lambda: LambdaService) {
  const { fn } = lambda.functions.require(input.FunctionName, ctx);
  const aliases = Object.values(fn.aliases)
    .filter((a) => input.FunctionVersion === undefined || a.FunctionVersion === input.FunctionVersion)
    .sort((a, b) => (a.Name < b.Name ? -1 : 1));
  const { items, next } = page(aliases, (a) => a.Name, input.Marker, input.MaxItems);
  return { Aliases: items.map((a) => ({ ...a })), NextMarker: next };
}
