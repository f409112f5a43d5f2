/**
 * HTTP_PROXY: the method request goes to the endpoint as it came (method, headers, query
 * string, body), with the mapped parameters added, and the endpoint's answer comes back as is;
 * headers on both ways as AWS's table has them (header-rules.ts).
 * A connection failure is 500 "Internal server error" as API Gateway answers it.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html#api-gateway-set-up-http-proxy-integration-on-proxy-resource
 */
import type { ApiCall } from "../api-call.js";
import type { InvokeDeps } from "../invoke-api.js";
import { headerRecord, requestHeaders, responseHeaders } from "../header-rules.js";
import { sendHttp } from "./http-backend.js";
import { mapRequestParameters, resolveUri, withQuery } from "./integration-request.js";
import type { IntegrationOutcome } from "./run-integration.js";

export async function callHttpProxy(call: ApiCall, deps: InvokeDeps): Promise<IntegrationOutcome> {
  const integration = call.method.methodIntegration!;
  const mapped = mapRequestParameters(call);
  const headers: Record<string, string> = {};
  for (const [k, v] of requestHeaders("http_proxy", call.request.headers, call.method.authorizationType === "AWS_IAM")) headers[k] = headers[k] === undefined ? v : `${headers[k]},${v}`;
  Object.assign(headers, mapped.headers);
  const query: Array<[string, string]> = [...call.request.query, ...mapped.query];
  const method = integration.httpMethod === "ANY" || !integration.httpMethod ? call.request.method : integration.httpMethod;
  const url = withQuery(resolveUri(integration.uri ?? "", call, mapped.path), query);
  let answer;
  try {
    answer = await sendHttp({ method, url, headers, body: call.request.body });
  } catch (err) {
    deps.logger.warn(`apigateway: ${call.api.id} HTTP_PROXY to ${url} failed: ${(err as Error).message}`);
    return { type: "INTEGRATION_FAILURE" };
  }
  return { status: answer.status, headers: headerRecord(responseHeaders("http_proxy", answer.headers)), body: answer.body };
}
