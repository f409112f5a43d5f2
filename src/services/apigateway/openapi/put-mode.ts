/**
 * PutRestApi's `mode`: merge (the default) adds the document to the API, overwrite replaces the
 * API's definition with it.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_PutRestApi.html
 */
import { ApiGatewayErrors } from "../errors.js";

export type PutMode = "merge" | "overwrite";

export function putModeOf(mode: string | undefined): PutMode {
  if (mode === undefined || mode === "merge") return "merge";
  if (mode === "overwrite") return "overwrite";
  throw ApiGatewayErrors.badRequest(`1 validation error detected: Value '${mode}' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [merge, overwrite]`);
}
