/**
 * Calls to deployed APIs: `http://<apiId>.execute-api.localhost:<port>/<stage>/<path>` (the
 * Host decides) or `http://localhost:<port>/restapis/<apiId>/<stage>/_user_request_/<path>`.
 * The stage's deployment routes the call to the most specific resource (403 Missing
 * Authentication Token otherwise), then the steps run in API Gateway's order: throttling, the
 * authorizer, request validation, the API key and usage plan, the stage cache, the integration.
 * Any step may refuse the call with a gateway response.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-call-api.html
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "../../../core/clock.js";
import type { ServiceClients } from "../../../core/clients.js";
import { newUuid } from "../../../core/ids.js";
import type { Logger } from "../../../core/logger.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { methodArn } from "../authorizers/method-arn.js";
import { cacheControlOf } from "../cache/cache-control.js";
import type { ApiCall, Refusal } from "./api-call.js";
import { gatewayResponse, type HttpAnswer } from "./gateway-responses.js";
import { runIntegration } from "./integrations/run-integration.js";
import type { IncomingCall } from "./proxy-event.js";
import { validateRequest } from "./request-validation.js";
import { matchDeployedRoute } from "./route-match.js";
import { readRequestBody, requestTarget } from "./request-target.js";
import { sendAnswer } from "./send-answer.js";
import { compressAnswer, requestPayload } from "./compression.js";

/** Integrations that get the request as it came (no mapping templates). */
const PROXY_TYPES = new Set(["AWS_PROXY", "HTTP_PROXY"]);

const HOST = /^([a-z0-9]{10})\.execute-api\.localhost(?::\d+)?$/i;
const PATH = /^\/restapis\/([a-z0-9]{10})\/([^/]+)\/_user_request_(\/.*)?$/;

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
  const url = requestTarget(req.url);
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
  const api = deps.gw.apis.get(apiId);
  // The API's answers are compressed from its minimumCompressionSize on.
  const send = (a: HttpAnswer) => sendAnswer(req, res, compressAnswer(a, api?.minimumCompressionSize, req.headers["accept-encoding"]), requestId);
  const stage = api?.stages?.[stageName];
  const deployment = stage ? api?.deployments?.[stage.deploymentId] : undefined;
  if (!api || !stage || !deployment) return send({ status: 403, headers: { "content-type": "application/json", "x-amzn-errortype": "ForbiddenException" }, body: JSON.stringify({ message: "Forbidden" }) });
  const custom = deployment.gatewayResponses;
  const route = matchDeployedRoute(deployment.resources, path);
  const method = route ? (route.resource.methods[req.method ?? "GET"] ?? route.resource.methods.ANY) : undefined;
  if (!route || !method) return send(gatewayResponse({ type: "MISSING_AUTHENTICATION_TOKEN" }, custom));

  const read = readRequestBody(req);
  const body = read instanceof Promise ? await read : read;
  if (!body) return send(gatewayResponse({ type: "REQUEST_TOO_LARGE" }, custom));
  const request: IncomingCall = {
    method: req.method ?? "GET",
    path,
    headers: pairs(req.rawHeaders),
    query: url.query,
    body: requestPayload(body, req.headers["content-encoding"], api.minimumCompressionSize !== undefined, PROXY_TYPES.has(method.methodIntegration?.type ?? "")),
    sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
    requestId,
    now: deps.clock.now(),
    domainName: req.headers.host ?? "localhost",
  };
  const call: ApiCall = { api, stage, deployment, resource: route.resource, method, pathParameters: route.pathParameters, request };
  const refuse = (r: Refusal) => send(gatewayResponse(r, custom, call));
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
  let refusal = deps.gw.usage.throttle(call);
  if (refusal) return refuse(refusal);
  // The steps below are awaited only when they have work to do: most methods have no
  // authorizer and no API key, and an await costs a turn of the event loop's microtasks.
  if (deps.gw.authorizers.applies(call)) {
    refusal = await deps.gw.authorizers.authorize(call);
    if (refusal) return refuse(refusal);
  }
  refusal = validateRequest(call);
  if (refusal) return refuse(refusal);
  if (call.method.apiKeyRequired) {
    refusal = await deps.gw.usage.admitKey(call);
    if (refusal) return refuse(refusal);
  }
  const cacheSettings = deps.gw.cache.settingsFor(call);
  if (!cacheSettings) {
    const outcome = await runIntegration(call, deps);
    return "type" in outcome ? refuse(outcome) : send(outcome);
  }
  const control = cacheControlOf(call, cacheSettings);
  if (control === "refuse") return refuse({ type: "ACCESS_DENIED", message: `User: anonymous is not authorized to perform: execute-api:InvalidateCache on resource: ${methodArn(call)}` });
  const warn = (a: HttpAnswer): HttpAnswer => (control === "use-with-warning" ? { ...a, headers: { ...a.headers, warning: '199 "Cache-control headers were ignored because the caller was unauthorized."' } } : a);
  const key = deps.gw.cache.keyOf(call);
  const hit = control === "refresh" ? undefined : deps.gw.cache.get(call, key);
  if (hit) return send(warn(hit));
  const outcome = await runIntegration(call, deps);
  if ("type" in outcome) return refuse(outcome);
  deps.gw.cache.put(call, key, outcome, cacheSettings.cacheTtlInSeconds);
  send(warn(outcome));
}

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}
