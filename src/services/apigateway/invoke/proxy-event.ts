/**
 * The Lambda proxy integration's event, format 1.0, exactly as API Gateway sends it: absent
 * parts are `null`, single and multi-value headers and query strings side by side.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 */
import type { ApiCall } from "./api-call.js";
import { isBinaryBody } from "./binary.js";
import { requestHeaders } from "./header-rules.js";
import { requestContext } from "./request-context.js";

export interface IncomingCall {
  method: string;
  /** The path after the stage (`/pets/1`). */
  path: string;
  headers: Array<[string, string]>;
  query: URLSearchParams;
  body: Buffer;
  sourceIp: string;
  requestId: string;
  now: number;
  domainName: string;
}

export function proxyEvent(call: ApiCall) {
  const { request } = call;
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const passed = requestHeaders("lambda", request.headers, call.method.authorizationType === "AWS_IAM");
  for (const [k, v] of passed) {
    headers[k] = v;
    (multiValueHeaders[k] ??= []).push(v);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of request.query) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  const binary = isBinaryBody(call);
  const variables = call.stage.variables;
  return {
    resource: call.resource.path,
    path: request.path,
    httpMethod: request.method,
    headers: passed.length ? headers : null,
    multiValueHeaders: passed.length ? multiValueHeaders : null,
    queryStringParameters: Object.keys(query).length ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
    pathParameters: Object.keys(call.pathParameters).length ? call.pathParameters : null,
    stageVariables: Object.keys(variables).length ? variables : null,
    requestContext: requestContext(call),
    body: request.body.length === 0 ? null : request.body.toString(binary ? "base64" : "utf8"),
    isBase64Encoded: request.body.length > 0 && binary,
  };
}

