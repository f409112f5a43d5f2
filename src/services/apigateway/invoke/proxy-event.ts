/**
 * The Lambda proxy integration's event, format 1.0, exactly as API Gateway sends it: absent
 * parts are `null`, single and multi-value headers and query strings side by side.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 */
import type { ResourceRecord, RestApiRecord, StageRecord } from "../types.js";

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

export function proxyEvent(api: RestApiRecord, stage: StageRecord, resource: ResourceRecord, pathParameters: Record<string, string>, call: IncomingCall) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [k, v] of call.headers) {
    headers[k] = v;
    (multiValueHeaders[k] ??= []).push(v);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of call.query) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  const text = isText(headers) ? call.body.toString("utf8") : undefined;
  const date = new Date(call.now);
  return {
    resource: resource.path,
    path: call.path,
    httpMethod: call.method,
    headers: call.headers.length ? headers : null,
    multiValueHeaders: call.headers.length ? multiValueHeaders : null,
    queryStringParameters: Object.keys(query).length ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
    stageVariables: Object.keys(stage.variables).length ? stage.variables : null,
    requestContext: {
      resourceId: resource.id,
      resourcePath: resource.path,
      httpMethod: call.method,
      extendedRequestId: call.requestId,
      requestTime: formatRequestTime(date),
      path: `/${stage.stageName}${call.path}`,
      accountId: api.accountId,
      protocol: "HTTP/1.1",
      stage: stage.stageName,
      domainPrefix: api.id,
      requestTimeEpoch: call.now,
      requestId: call.requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: call.sourceIp,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: headers["User-Agent"] ?? headers["user-agent"] ?? null,
        user: null,
      },
      domainName: call.domainName,
      apiId: api.id,
    },
    body: call.body.length === 0 ? null : (text ?? call.body.toString("base64")),
    isBase64Encoded: call.body.length > 0 && text === undefined,
  };
}

/** Bodies are passed as text unless they are binary (a content type the API lists as binary is not yet honoured). */
function isText(headers: Record<string, string>): boolean {
  const type = (headers["Content-Type"] ?? headers["content-type"] ?? "").toLowerCase();
  return !type || type.startsWith("text/") || type.includes("json") || type.includes("xml") || type.includes("x-www-form-urlencoded") || type.includes("javascript");
}

/** `09/Apr/2015:12:34:56 +0000`, as requestContext.requestTime is written. */
function formatRequestTime(d: Date): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
