/**
 * HTTP (non-proxy): the mapped integration request — only the mapped headers and query
 * parameters, and the template's output as the body — goes to the endpoint.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
 */
import type { ApiCall } from "../api-call.js";
import { sendHttp, type BackendAnswer } from "./http-backend.js";
import { resolveUri, withQuery } from "./integration-request.js";
import type { IntegrationRequest } from "./mapped.js";

export function callHttp(call: ApiCall, req: IntegrationRequest): Promise<BackendAnswer> {
  const integration = call.method.methodIntegration!;
  const method = integration.httpMethod === "ANY" || !integration.httpMethod ? call.request.method : integration.httpMethod;
  const headers: Record<string, string> = { ...(req.body.length ? { "content-type": req.contentType } : {}), ...req.headers };
  return sendHttp({ method, url: withQuery(resolveUri(integration.uri ?? "", call, req.path), req.query), headers, body: req.body });
}
