/**
 * GetExport's choices: the export type (oas30 or swagger) and the `extensions` parameter, a
 * comma list of `integrations` (x-amazon-apigateway-integration), `authorizers`
 * (x-amazon-apigateway-authorizer) and `apigateway` (both, plus every API-level extension).
 * `postman` is not emulated and is refused rather than silently ignored.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetExport.html
 */
import { ApiGatewayErrors } from "../errors.js";

export type ExportKind = "oas30" | "swagger";

export interface ExportExtensions {
  integrations: boolean;
  authorizers: boolean;
  /** Request validators, gateway responses, binary media types, API key source, policy, … */
  apigateway: boolean;
}

export function exportKindOf(exportType: string): ExportKind {
  if (exportType === "oas30" || exportType === "swagger") return exportType;
  throw ApiGatewayErrors.badRequest(`Invalid export type specified: ${exportType}. Valid options are oas30, swagger`);
}

export function exportExtensionsOf(parameters: Record<string, string> | undefined): ExportExtensions {
  const names = (parameters?.extensions ?? "").split(",").map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0);
  if (names.includes("postman")) throw ApiGatewayErrors.badRequest("Exports with postman extensions are not supported by Stratus");
  const apigateway = names.includes("apigateway");
  return { apigateway, integrations: apigateway || names.includes("integrations"), authorizers: apigateway || names.includes("authorizers") };
}
