/**
 * AWS service integrations: `arn:aws:apigateway:{region}:{service}:action/{Action}` or
 * `…:{service}:path/{path}`. The integration request becomes that service's API request, run
 * inside Stratus as the API's account (ServiceClients.aws), so every action the service has
 * works with its own wire format: query-protocol services (SQS, SNS) get `Action` in the query
 * string; JSON-protocol services (Step Functions, Kinesis, EventBridge) get X-Amz-Target.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/integrating-api-with-aws-services-s3.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html (uri)
 */
import type { ApiCall } from "../api-call.js";
import type { InvokeDeps } from "../invoke-api.js";
import type { BackendAnswer } from "./http-backend.js";
import { resolveUri } from "./integration-request.js";
import type { IntegrationRequest } from "./mapped.js";

const SERVICE_URI = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):(?:[a-z0-9-]+\.)?([a-z0-9-]+):(action|path)\/(.*)$/;

/** JSON-protocol services: the X-Amz-Target prefix and content type of their actions. */
const JSON_SERVICES: Record<string, { target: string; contentType: string }> = {
  states: { target: "AWSStepFunctions", contentType: "application/x-amz-json-1.0" },
  kinesis: { target: "Kinesis_20131202", contentType: "application/x-amz-json-1.1" },
  events: { target: "AWSEvents", contentType: "application/x-amz-json-1.1" },
};

export async function callAwsService(call: ApiCall, deps: InvokeDeps, req: IntegrationRequest): Promise<BackendAnswer> {
  const integration = call.method.methodIntegration!;
  const m = SERVICE_URI.exec(resolveUri(integration.uri ?? "", call, req.path));
  if (!m || !deps.clients.aws) throw new Error(`the integration URI ${integration.uri} names no AWS service action or path`);
  const [, region, service, form, rest] = m;
  const headers: Record<string, string> = { ...(req.body.length ? { "content-type": req.contentType } : {}), ...lowerKeys(req.headers) };
  const query = new URLSearchParams(req.query);
  let path = "/";
  if (form === "action") {
    const action = rest.split("&", 1)[0];
    const json = JSON_SERVICES[service];
    if (json) {
      headers["x-amz-target"] = `${json.target}.${action}`;
      headers["content-type"] = json.contentType;
    } else {
      query.set("Action", action);
    }
  } else {
    const [p, q] = rest.split("?", 2);
    path = `/${p}`;
    for (const [k, v] of new URLSearchParams(q ?? "")) query.append(k, v);
  }
  const method = integration.httpMethod === "ANY" || !integration.httpMethod ? call.request.method : integration.httpMethod;
  const answer = await deps.clients.aws.call({ signingName: service, accountId: call.api.accountId, region, method, path, rawQuery: query.toString(), headers, body: req.body });
  return { status: answer.status, headers: Object.entries(answer.headers), body: answer.body };
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
