/**
 * ImportRestApi / PutRestApi `parameters` (query string): `basepath` = ignore (default) |
 * prepend | split, `endpointConfigurationTypes` (ImportRestApi: EDGE, REGIONAL or PRIVATE) and
 * `ignore=documentation`. The query keys the operation binds itself (mode, failonwarnings)
 * arrive in the same map and are not parameters.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_ImportRestApi.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-basePath.html
 */
import { ApiGatewayErrors } from "../errors.js";
import type { BasePathMode } from "./read-paths.js";

export interface ImportParameters {
  basePath: BasePathMode;
  endpointTypes?: string[];
}

export function importParameters(parameters: Record<string, string> | undefined): ImportParameters {
  const basePath = parameters?.basepath ?? "ignore";
  if (basePath !== "ignore" && basePath !== "prepend" && basePath !== "split") {
    throw ApiGatewayErrors.badRequest(`Invalid value for parameter basepath: ${basePath}. Valid values are ignore, prepend, split`);
  }
  const types = parameters?.endpointConfigurationTypes;
  return {
    basePath,
    ...(types !== undefined ? { endpointTypes: types.split(",").map((t) => t.trim().toUpperCase()).filter((t) => t.length > 0) } : {}),
  };
}
