/**
 * x-amazon-apigateway-gateway-responses: customised gateway responses by response type, each
 * with an optional status code, response parameters and templates. An unknown response type is
 * skipped with a warning.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
import type { GatewayResponseRecord } from "../types.js";
import { isEmpty, isObject, objectAt, stringAt, stringMapAt } from "./json-value.js";
import type { ReadContext } from "./read-context.js";

export const GATEWAY_RESPONSE_TYPES = new Set([
  "ACCESS_DENIED", "API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE", "BAD_REQUEST_PARAMETERS", "BAD_REQUEST_BODY",
  "DEFAULT_4XX", "DEFAULT_5XX", "EXPIRED_TOKEN", "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "INVALID_API_KEY", "INVALID_SIGNATURE",
  "MISSING_AUTHENTICATION_TOKEN", "QUOTA_EXCEEDED", "REQUEST_TOO_LARGE", "RESOURCE_NOT_FOUND", "THROTTLED", "UNAUTHORIZED", "UNSUPPORTED_MEDIA_TYPE", "WAF_FILTERED",
]);

export function readGatewayResponses(ctx: ReadContext): GatewayResponseRecord[] {
  const out: GatewayResponseRecord[] = [];
  for (const [responseType, raw] of Object.entries(objectAt(ctx.doc["x-amazon-apigateway-gateway-responses"]) ?? {})) {
    if (!GATEWAY_RESPONSE_TYPES.has(responseType) || !isObject(raw)) {
      ctx.report.warn(`Unable to put gateway response of type '${responseType}': Invalid gateway response type. Ignoring.`);
      continue;
    }
    const statusCode = stringAt(raw.statusCode);
    if (statusCode !== undefined && !/^[1-5]\d\d$/.test(statusCode)) {
      ctx.report.warn(`Unable to put gateway response of type '${responseType}': Invalid status code specified: ${statusCode}. Ignoring.`);
      continue;
    }
    const responseParameters = stringMapAt(raw.responseParameters);
    const responseTemplates = stringMapAt(raw.responseTemplates);
    out.push({
      responseType,
      ...(statusCode ? { statusCode } : {}),
      ...(!isEmpty(responseParameters) ? { responseParameters } : {}),
      ...(!isEmpty(responseTemplates) ? { responseTemplates } : {}),
    });
  }
  return out;
}
