/**
 * The request pipeline for AWS API calls: read the body → find the service and protocol →
 * authenticate → decode the input → run the operation → encode the output or the error.
 * Every answer carries the request id.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { monotonicMs, type Clock } from "../core/clock.js";
import { CommonErrors, ServiceError } from "../core/errors.js";
import { newRequestId } from "../core/ids.js";
import type { Logger } from "../core/logger.js";
import type { ProtocolId, RequestContext } from "../core/service.js";
import { handleAwsJson, writeAwsJsonError } from "../protocols/aws-json.js";
import { handleAwsQuery, writeAwsQueryError } from "../protocols/aws-query.js";
import type { CompiledService } from "../protocols/compiled-service.js";
import { resolveError } from "../protocols/error-shape.js";
import { parseForm } from "../protocols/query-codec.js";
import { handleRestJson, writeRestJsonError } from "../protocols/rest-json.js";
import type { ProtocolRequest, ProtocolResponse } from "../protocols/types.js";
import type { Authenticator } from "./authenticator.js";
import { readCredentialScope, type CredentialScope } from "./credential-scope.js";
import type { ServiceDirectory } from "./detect-service.js";
import { BodyTooLarge, readBody } from "./read-body.js";
import { RequestCancellation } from "./request-cancellation.js";

export interface PipelineDeps {
  directory: ServiceDirectory;
  authenticator: Authenticator;
  clock: Clock;
  logger: Logger;
  maxBodyBytes: number;
  /** Aborted at shutdown so that long polls return at once. */
  shutdown: AbortSignal;
}

export async function handleAwsRequest(req: IncomingMessage, res: ServerResponse, deps: PipelineDeps): Promise<void> {
  const started = monotonicMs();
  const requestId = newRequestId();
  const target = req.url ?? "/";
  // Every awsJson and awsQuery call is `POST /`: only other targets need URL's parsing (dot segments, escapes).
  const url = target === "/" ? undefined : new URL(target, "http://localhost");
  const path = url?.pathname ?? "/";
  const rawQuery = target.includes("?") ? target.slice(target.indexOf("?") + 1) : "";
  let body: Buffer;
  try {
    body = await readBody(req, deps.maxBodyBytes);
  } catch (err) {
    const e = err instanceof BodyTooLarge ? CommonErrors.requestTooLarge(deps.maxBodyBytes) : new ServiceError("BadRequest", "The request body could not be read.");
    const resolved = resolveError(e, undefined, deps.logger);
    send(res, writeAwsJsonError(undefined, resolved), requestId, true);
    deps.logger.debug(`${req.method} ${path} → ${resolved.status} ${resolved.code}`);
    return;
  }
  const preq: ProtocolRequest = { method: req.method ?? "GET", path, query: url?.searchParams ?? new URLSearchParams(), rawQuery, headers: req.headers, body };
  const cancellation = new RequestCancellation(res, deps.shutdown);
  let answer: Dispatched;
  try {
    answer = await dispatchAwsRequest(preq, deps, { requestId, host: req.headers.host, cancellation });
  } finally {
    cancellation.dispose();
  }
  const { response, label } = answer;
  // During shutdown, answers close their connection so that the server can finish closing.
  send(res, response, requestId, deps.shutdown.aborted);
  if (deps.logger.enabled("debug")) deps.logger.debug(`${label} → ${response.status} (${(monotonicMs() - started).toFixed(1)} ms)`);
}

interface Dispatched {
  response: ProtocolResponse;
  /** What the debug log line names. */
  label: string;
}

export interface DispatchOptions {
  requestId: string;
  host: string | undefined;
  /** Its `signal` is the operation's RequestContext.signal (read only by the operations that wait). */
  cancellation: { readonly signal: AbortSignal };
  /**
   * An in-process call made on behalf of this account and region (API Gateway's AWS
   * integrations): it needs no signature; `signingName` picks the service.
   */
  internal?: { accountId: string; region: string; signingName: string };
}

/** Finds the service and operation of a read request, runs it and encodes its answer. */
export async function dispatchAwsRequest(preq: ProtocolRequest, deps: PipelineDeps, options: DispatchOptions): Promise<Dispatched> {
  const { requestId, internal } = options;
  const contentType = String(preq.headers["content-type"] ?? "");
  const isForm = contentType.includes("application/x-www-form-urlencoded") || (preq.method === "GET" && preq.query.has("Action"));
  let form: Map<string, string> | undefined;
  if (isForm || preq.query.has("Action")) {
    form = parseForm(preq.rawQuery);
    if (isForm && preq.body.length > 0) for (const [k, v] of parseForm(preq.body.toString("utf8"))) form.set(k, v);
  }
  const scope: CredentialScope | undefined = internal ? { accessKeyId: "", date: "", region: internal.region, service: internal.signingName } : readCredentialScope(preq.headers, preq.query);
  // Only a service's first requests find its model still to load.
  const found = deps.directory.detectWhenLoaded(preq, scope, form);
  const detected = found instanceof Promise ? await found : found;
  const service: CompiledService | undefined = detected?.service;
  const protocol: ProtocolId = detected?.protocol ?? (form?.has("Action") ? "awsQuery" : "awsJson1_0");
  let label = detected ? `${detected.service.id}.${detected.operation ?? form?.get("Action") ?? preq.path}` : `? ${preq.method} ${preq.path}`;
  let response: ProtocolResponse;
  try {
    if (!detected) throw unknownTarget(preq, form);
    // A few query actions are links AWS hands to subscribers (SNS's SubscribeURL and
    // UnsubscribeURL): they work without a signature, on the resource the link names.
    const anonymous = !internal && scope === undefined && detected.protocol === "awsQuery" && (detected.service.module.anonymousActions?.includes(form?.get("Action") ?? "") ?? false);
    const caller = internal ? { accountId: internal.accountId, region: internal.region } : anonymous ? deps.authenticator.anonymous() : deps.authenticator.authenticate(preq, scope);
    const ctx = new CallContext(requestId, caller.accountId, caller.region, internal !== undefined || (!anonymous && scope !== undefined), `http://${options.host ?? "localhost"}`, deps.clock, deps.logger, options.cancellation);
    switch (detected.protocol) {
      case "awsJson1_0":
      case "awsJson1_1":
        response = await handleAwsJson(detected.service, detected.operation ?? "", preq, ctx);
        break;
      case "awsQuery":
        response = await handleAwsQuery(detected.service, form ?? new Map(), preq, ctx);
        break;
      case "restJson1":
        response = await handleRestJson(detected.service, preq, ctx);
        label = `${detected.service.id} ${preq.method} ${preq.path}`;
        break;
    }
  } catch (err) {
    const resolved = resolveError(err, service, deps.logger);
    response = writeError(protocol, service, resolved, requestId);
    label += ` ${resolved.code}`;
  }
  return { response, label };
}

function writeError(protocol: ProtocolId, service: CompiledService | undefined, e: ReturnType<typeof resolveError>, requestId: string): ProtocolResponse {
  switch (protocol) {
    case "awsQuery":
      return writeAwsQueryError(service, e, requestId);
    case "restJson1":
      return writeRestJsonError(e);
    default:
      return writeAwsJsonError(service, e);
  }
}

function unknownTarget(req: ProtocolRequest, form: Map<string, string> | undefined): ServiceError {
  const target = req.headers["x-amz-target"];
  if (target) return new ServiceError("UnknownOperationException", `No service answers the target ${String(target)}.`, { status: 400 });
  if (form?.has("Action")) return new ServiceError("InvalidAction", `The action ${form.get("Action")} is not valid for this endpoint.`, { status: 400 });
  return new ServiceError("UnknownOperationException", `No service answers ${req.method} ${req.path}.`, { status: 404 });
}

function send(res: ServerResponse, response: ProtocolResponse, requestId: string, closeConnection: boolean): void {
  if (res.headersSent || res.destroyed) return;
  const body = response.body;
  // A flat [name, value, …] list: Node writes it as given, with no object to build and copy.
  const headers: string[] = [];
  for (const name in response.headers) headers.push(name, response.headers[name]);
  headers.push("x-amzn-requestid", requestId, "content-length", String(typeof body === "string" ? Buffer.byteLength(body) : body.length));
  if (closeConnection) headers.push("connection", "close");
  res.writeHead(response.status, headers);
  // A string body leaves in one write with the headers (Node joins them); a Buffer takes a writev.
  res.end(body);
}

/**
 * An operation's RequestContext. A class rather than an object literal: its `signal` getter
 * (the cancellation is wired only when an operation reads it) lives on the prototype, so every
 * context keeps one fast shape; a literal with a getter does not.
 */
class CallContext implements RequestContext {
  constructor(
    readonly requestId: string,
    readonly accountId: string,
    readonly region: string,
    readonly authenticated: boolean,
    readonly endpoint: string,
    readonly clock: Clock,
    readonly logger: Logger,
    private readonly cancellation: { readonly signal: AbortSignal },
  ) {}

  get signal(): AbortSignal {
    return this.cancellation.signal;
  }
}
