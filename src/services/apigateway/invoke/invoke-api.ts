/**
 * Calls to deployed APIs: `http://<apiId>.execute-api.localhost:<port>/<stage>/<path>` (the
 * Host decides) or `http://localhost:<port>/restapis/<apiId>/<stage>/_user_request_/<path>`.
 * The stage's deployment routes the call to the most specific resource; an unknown route is
 * 403 `{"message":"Missing Authentication Token"}` as on AWS. AWS_PROXY integrations with
 * Lambda get the proxy event and answer with the function's response; MOCK answers 200.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-call-api.html
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServiceClients } from "../../../core/clients.js";
import { newUuid } from "../../../core/ids.js";
import type { Logger } from "../../../core/logger.js";
import type { Clock } from "../../../core/clock.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { proxyEvent, type IncomingCall } from "./proxy-event.js";
import { matchRoute } from "./route-match.js";

const HOST = /^([a-z0-9]{10})\.execute-api\.localhost(?::\d+)?$/i;
const PATH = /^\/restapis\/([a-z0-9]{10})\/([^/]+)\/_user_request_(\/.*)?$/;
/** arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations */
const LAMBDA_URI = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** Whether a request is a call to a deployed API (cheap: Host and path only). */
export function isApiCall(host: string | undefined, path: string): boolean {
  return (host !== undefined && HOST.test(host)) || PATH.test(path);
}

export interface InvokeDeps {
  gw: ApiGatewayService;
  clients: ServiceClients;
  clock: Clock;
  logger: Logger;
}

export async function serveApiCall(req: IncomingMessage, res: ServerResponse, deps: InvokeDeps): Promise<void> {
  const requestId = newUuid();
  const url = new URL(req.url ?? "/", "http://localhost");
  let apiId: string;
  let stageName: string;
  let path: string;
  const byPath = PATH.exec(url.pathname);
  if (byPath) {
    [, apiId, stageName] = byPath;
    path = byPath[3] ?? "/";
  } else {
    apiId = HOST.exec(req.headers.host ?? "")![1].toLowerCase();
    const [, first, ...rest] = url.pathname.split("/");
    stageName = first ?? "";
    path = `/${rest.join("/")}`;
  }
  const send = (status: number, body: string | Buffer, headers: Record<string, string | string[]> = { "content-type": "application/json" }) => {
    res.writeHead(status, { ...headers, "x-amzn-requestid": requestId, "x-amz-apigw-id": requestId.slice(0, 16) });
    res.end(body);
  };
  const api = deps.gw.apis.get(apiId);
  const stage = api?.stages?.[stageName];
  const deployment = stage ? api?.deployments?.[stage.deploymentId] : undefined;
  if (!api || !stage || !deployment) return send(403, JSON.stringify({ message: "Forbidden" }));
  const route = matchRoute(Object.values(deployment.resources), path);
  const method = route ? (route.resource.methods[req.method ?? "GET"] ?? route.resource.methods.ANY) : undefined;
  if (!route || !method) return send(403, JSON.stringify({ message: "Missing Authentication Token" }));
  const integration = method.methodIntegration;
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const call: IncomingCall = {
    method: req.method ?? "GET",
    path,
    headers: pairs(req.rawHeaders),
    query: url.searchParams,
    body: Buffer.concat(chunks),
    sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
    requestId,
    now: deps.clock.now(),
    domainName: req.headers.host ?? "localhost",
  };
  if (integration?.type === "MOCK") return send(200, "");
  const fn = integration?.type === "AWS_PROXY" ? LAMBDA_URI.exec(integration.uri ?? "")?.[1] : undefined;
  if (!fn || !deps.clients.lambda) {
    deps.logger.warn(`apigateway: ${api.id} ${call.method} ${route.resource.path}: integration ${integration?.type ?? "none"} is not supported by Stratus yet`);
    return send(500, JSON.stringify({ message: "Internal server error" }));
  }
  const event = proxyEvent(api, stage, route.resource, route.pathParameters, call);
  let answer: { payload: Buffer; functionError?: string };
  try {
    answer = await deps.clients.lambda.invoke({ functionName: fn, accountId: api.accountId, region: api.region, payload: Buffer.from(JSON.stringify(event)) });
  } catch (err) {
    deps.logger.warn(`apigateway: ${api.id} could not invoke ${fn}: ${(err as Error).message}`);
    return send(500, JSON.stringify({ message: "Internal server error" }));
  }
  const response = answer.functionError ? undefined : proxyResponse(answer.payload);
  // A function error or a response not in the proxy format: 502, as API Gateway answers.
  if (!response) return send(502, JSON.stringify({ message: "Internal server error" }));
  send(response.statusCode, response.body, response.headers);
}

/** The function's answer in the proxy format, or undefined when it is malformed. */
function proxyResponse(payload: Buffer): { statusCode: number; headers: Record<string, string | string[]>; body: Buffer } | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined;
  const r = doc as { statusCode?: unknown; headers?: unknown; multiValueHeaders?: unknown; body?: unknown; isBase64Encoded?: unknown };
  const allowed = new Set(["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded", "cookies"]);
  if (Object.keys(r).some((k) => !allowed.has(k))) return undefined;
  const status = r.statusCode === undefined ? 200 : Number(r.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  if (r.body !== undefined && r.body !== null && typeof r.body !== "string") return undefined;
  const headers: Record<string, string | string[]> = { "content-type": "application/json" };
  for (const [k, v] of Object.entries((r.multiValueHeaders ?? {}) as Record<string, unknown>)) if (Array.isArray(v)) headers[k.toLowerCase()] = v.map(String);
  for (const [k, v] of Object.entries((r.headers ?? {}) as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
  const text = (r.body as string | null | undefined) ?? "";
  return { statusCode: status, headers, body: r.isBase64Encoded === true ? Buffer.from(text, "base64") : Buffer.from(text) };
}

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}
