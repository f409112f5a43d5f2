/**
 * An integration as x-amazon-apigateway-integration, written the way AWS exports it: type and
 * passthroughBehavior in lower case, integration responses keyed by their selection pattern
 * ("default" for the one without), defaults (29 s timeout, INTERNET connection, no cache keys)
 * left out.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 */
import type { IntegrationRecord } from "../types.js";
import { isEmpty, type JsonObject } from "./json-value.js";

export function exportIntegration(i: IntegrationRecord): JsonObject {
  const responses: JsonObject = {};
  for (const r of Object.values(i.integrationResponses ?? {})) {
    responses[r.selectionPattern ?? "default"] = {
      statusCode: r.statusCode,
      ...(!isEmpty(r.responseParameters) ? { responseParameters: r.responseParameters } : {}),
      ...(!isEmpty(r.responseTemplates) ? { responseTemplates: r.responseTemplates } : {}),
      ...(r.contentHandling ? { contentHandling: r.contentHandling } : {}),
    };
  }
  return {
    ...(i.credentials ? { credentials: i.credentials } : {}),
    ...(i.httpMethod ? { httpMethod: i.httpMethod } : {}),
    ...(i.uri ? { uri: i.uri } : {}),
    ...(!isEmpty(responses) ? { responses } : {}),
    ...(!isEmpty(i.requestParameters) ? { requestParameters: i.requestParameters } : {}),
    ...(!isEmpty(i.requestTemplates) ? { requestTemplates: i.requestTemplates } : {}),
    ...(i.passthroughBehavior ? { passthroughBehavior: i.passthroughBehavior.toLowerCase() } : {}),
    ...(i.connectionType && i.connectionType !== "INTERNET" ? { connectionType: i.connectionType } : {}),
    ...(i.contentHandling ? { contentHandling: i.contentHandling } : {}),
    ...(i.timeoutInMillis !== 29_000 ? { timeoutInMillis: i.timeoutInMillis } : {}),
    ...(i.cacheKeyParameters.length > 0 ? { cacheNamespace: i.cacheNamespace, cacheKeyParameters: i.cacheKeyParameters } : {}),
    type: i.type.toLowerCase(),
  };
}
