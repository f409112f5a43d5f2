/**
 * AWS_PROXY to Lambda: the function gets the proxy event (format 1.0) and its answer is the
 * method response. A function error, or an answer not in the proxy format, is 502
 * {"message": "Internal server error"}.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
 */
import type { ApiCall } from "../api-call.js";
import { headerRecord, responseHeaders } from "../header-rules.js";
import { isBinaryAccepted } from "../binary.js";
import { GATEWAY_RESPONSE_DEFAULTS, type HttpAnswer } from "../gateway-responses.js";
import type { InvokeDeps } from "../invoke-api.js";
import { proxyEvent } from "../proxy-event.js";
import type { IntegrationOutcome } from "./run-integration.js";

/** arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations */
export const LAMBDA_URI = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** The function a Lambda integration URI names (stage variables substituted, as AWS allows). */
export function lambdaFunctionOf(uri: string | undefined, call: ApiCall): string | undefined {
  const fn = LAMBDA_URI.exec(uri ?? "")?.[1];
  return fn?.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => call.stage.variables[name] ?? "");
}

export async function callLambdaProxy(call: ApiCall, deps: InvokeDeps): Promise<IntegrationOutcome> {
  const fn = lambdaFunctionOf(call.method.methodIntegration?.uri, call);
  if (!fn || !deps.clients.lambda) return { type: "API_CONFIGURATION_ERROR" };
  const answer = await deps.clients.lambda.invoke({ functionName: fn, accountId: call.api.accountId, region: call.api.region, payload: Buffer.from(JSON.stringify(proxyEvent(call))) });
  const response = answer.functionError ? undefined : proxyResponse(answer.payload, call);
  return response ?? badGateway();
}

/** What a proxy answer may hold: any other key makes it malformed. */
const PROXY_ANSWER_KEYS = new Set(["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded", "cookies"]);

function badGateway(): HttpAnswer {
  const d = GATEWAY_RESPONSE_DEFAULTS.DEFAULT_5XX;
  return { status: 502, headers: { "content-type": "application/json", "x-amzn-errortype": d.errorType }, body: JSON.stringify({ message: d.message }) };
}

/** The function's answer in the proxy format, or undefined when it is malformed. */
function proxyResponse(payload: Buffer, call: ApiCall): HttpAnswer | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined;
  const r = doc as { statusCode?: unknown; headers?: unknown; multiValueHeaders?: unknown; body?: unknown; isBase64Encoded?: unknown };
  if (Object.keys(r).some((k) => !PROXY_ANSWER_KEYS.has(k))) return undefined;
  const status = r.statusCode === undefined ? 200 : Number(r.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  if (r.body !== undefined && r.body !== null && typeof r.body !== "string") return undefined;
  const given: Record<string, string | string[]> = { "content-type": "application/json" };
  for (const [k, v] of Object.entries((r.multiValueHeaders ?? {}) as Record<string, unknown>)) if (Array.isArray(v)) given[k.toLowerCase()] = v.map(String);
  for (const [k, v] of Object.entries((r.headers ?? {}) as Record<string, unknown>)) given[k.toLowerCase()] = String(v);
  // The function's headers pass as AWS's table has them (Date, Server, Authorization, … remapped).
  const headers = headerRecord(responseHeaders("lambda", Object.entries(given).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]))));
  const text = (r.body as string | null | undefined) ?? "";
  // A base64 body goes out as binary only when the client accepts one of the API's binary types.
  const binary = r.isBase64Encoded === true && isBinaryAccepted(call, String(headers["content-type"]));
  return { status, headers, body: binary ? Buffer.from(text, "base64") : Buffer.from(text) };
}
