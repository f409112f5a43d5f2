/**
 * The Lambda Runtime API for one execution environment: a small HTTP server on loopback that
 * the runtime (our bootstraps, or a user's `bootstrap`) polls for events and posts results to.
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 *
 * One environment runs one invocation at a time, so the server holds at most one invocation:
 * delivered to a waiting `GET /next`, or kept until the runtime asks for it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { rmSync } from "node:fs";
import type { AddressInfo, Socket } from "node:net";
import { MAX_ERROR_BYTES, MAX_RESPONSE_BYTES } from "./limits.js";

/** What `GET /runtime/invocation/next` hands the runtime. */
export interface NextInvocation {
  requestId: string;
  payload: Buffer;
  /** Wall-clock epoch milliseconds (the runtime compares it with its own `Date.now()`). */
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId: string;
  /** JSON text (already decoded from the caller's base64). */
  clientContext?: string;
  /** JSON text. */
  cognitoIdentity?: string;
}

export type RuntimeReport =
  | { kind: "response"; requestId: string; body: Buffer }
  | { kind: "error"; requestId: string; body: Buffer; errorType?: string }
  | { kind: "tooLarge"; requestId: string; size: number };

export interface RuntimeApiEvents {
  /** The runtime asked for its first event: its INIT phase is over. */
  ready(): void;
  /** `POST /runtime/init/error`. */
  initError(body: Buffer, errorType: string | undefined): void;
  /** The runtime took the current invocation (its `/next` returned it). */
  delivered(requestId: string): void;
  /** The runtime answered the current invocation. */
  result(report: RuntimeReport): void;
}

const PREFIX = "/2018-06-01/runtime";
const INVOCATION_PATH = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/;

export class RuntimeApiServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private referenced = true;
  private initialized = false;
  private active: NextInvocation | undefined;
  private handedOver = false;
  private waiter: ServerResponse | undefined;
  /** Invocation results whose body is still being read. */
  private reading = 0;
  /** `GET /next`s that arrived while a result was being read (see next()). */
  private readonly deferred: ServerResponse[] = [];
  /**
   * The 202 of an answer whose next `GET /next` came pipelined behind it: sent just before that
   * GET's answer, so the runtime wakes once for both (see settleResult()).
   */
  private held: ServerResponse | undefined;

  /** The same API on a Unix socket, for Stratus's own bootstraps (see listen()). */
  private readonly local: Server | undefined;

  constructor(
    private readonly events: RuntimeApiEvents,
    private readonly socketPath?: string,
  ) {
    const track = (socket: Socket) => {
      this.sockets.add(socket);
      if (!this.referenced) socket.unref();
      socket.on("close", () => this.sockets.delete(socket));
    };
    this.server = createServer({ requestTimeout: 0 }, (req, res) => this.route(req, res));
    this.server.on("connection", track);
    if (socketPath) {
      this.local = createServer({ requestTimeout: 0 }, (req, res) => this.route(req, res));
      this.local.on("connection", track);
    }
  }

  /**
   * Listens on an ephemeral loopback port; returns `host:port` for AWS_LAMBDA_RUNTIME_API. With
   * a socket path, the same API also listens there: a Unix socket costs both sides about half
   * the kernel time of loopback TCP per request, and the invoke path is mostly such requests
   * (docs/benchmarks.md). Runtimes that know only AWS_LAMBDA_RUNTIME_API use the port.
   */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    const local = this.local;
    if (local && this.socketPath) {
      const path = this.socketPath;
      rmSync(path, { force: true });
      await new Promise<void>((resolve, reject) => {
        local.once("error", reject);
        local.listen(path, () => resolve());
      });
    }
    const { address, port } = this.server.address() as AddressInfo;
    return `${address}:${port}`;
  }

  /** Queues the environment's next (only) invocation; a waiting `/next` gets it at once. */
  deliver(invocation: NextInvocation): void {
    this.active = invocation;
    this.handedOver = false;
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      this.handOver(waiter);
    }
  }

  /** Forgets an invocation the platform ended (timeout): later posts for it are refused. */
  settle(requestId: string): void {
    if (this.active?.requestId === requestId) this.active = undefined;
  }

  /** Idle environments must not keep Stratus's process alive; busy ones must. */
  setRef(ref: boolean): void {
    this.referenced = ref;
    for (const server of [this.server, this.local]) {
      if (ref) server?.ref();
      else server?.unref();
    }
    for (const s of this.sockets) {
      if (ref) s.ref();
      else s.unref();
    }
  }

  async close(): Promise<void> {
    this.releaseHeld();
    this.waiter = undefined;
    this.deferred.length = 0;
    this.active = undefined;
    const servers = [this.server, ...(this.local?.listening ? [this.local] : [])];
    const closed = Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    for (const server of servers) server.closeAllConnections();
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? "").split("?")[0];
    if (path === `${PREFIX}/invocation/next`) {
      if (req.method !== "GET") return sendJson(res, 405, errorDoc("MethodNotAllowed", "Method Not Allowed"));
      return this.next(res);
    }
    if (path === `${PREFIX}/init/error`) {
      if (req.method !== "POST") return sendJson(res, 405, errorDoc("MethodNotAllowed", "Method Not Allowed"));
      return void this.initError(req, res);
    }
    const m = INVOCATION_PATH.exec(path);
    if (m) {
      if (req.method !== "POST") return sendJson(res, 405, errorDoc("MethodNotAllowed", "Method Not Allowed"));
      return void this.invocationResult(req, res, safeDecode(m[1]), m[2] as "response" | "error");
    }
    // The Extensions and Telemetry APIs are not offered (see the runtime README).
    sendJson(res, 404, errorDoc("NotFound", "Not Found"));
  }

  private next(res: ServerResponse): void {
    // Our Node bootstrap pipelines its answer and its next GET on one connection: node:http
    // routes the GET as soon as it is parsed, before the answer's body has been read. The GET
    // waits for the answer, so it sees the state a GET sent after the 202 would.
    if (this.reading > 0) {
      this.deferred.push(res);
      return;
    }
    if (!this.initialized) {
      this.initialized = true;
      this.events.ready();
    }
    if (this.active && this.handedOver) {
      // The runtime asks for more before answering the event it holds: AWS refuses the transition.
      this.releaseHeld();
      return sendJson(res, 403, errorDoc("InvalidStateTransition", "State transition from Invoke to Ready failed: the current invocation has not been answered"));
    }
    if (this.waiter) return sendJson(res, 403, errorDoc("InvalidStateTransition", "Another /next request is already waiting"));
    if (this.active) return this.handOver(res);
    this.waiter = res;
    res.on("close", () => {
      if (this.waiter !== res) return;
      this.waiter = undefined;
      this.releaseHeld();
    });
  }

  private handOver(res: ServerResponse): void {
    const inv = this.active;
    if (!inv) return;
    this.handedOver = true;
    const headers: Record<string, string | number> = {
      "Content-Type": "application/json",
      "Content-Length": inv.payload.length,
      "Lambda-Runtime-Aws-Request-Id": inv.requestId,
      "Lambda-Runtime-Deadline-Ms": String(Math.floor(inv.deadlineMs)),
      "Lambda-Runtime-Invoked-Function-Arn": inv.invokedFunctionArn,
      "Lambda-Runtime-Trace-Id": inv.traceId,
    };
    if (inv.clientContext !== undefined) headers["Lambda-Runtime-Client-Context"] = inv.clientContext;
    if (inv.cognitoIdentity !== undefined) headers["Lambda-Runtime-Cognito-Identity"] = inv.cognitoIdentity;
    this.releaseHeld();
    res.writeHead(200, headers);
    res.end(inv.payload);
    this.events.delivered(inv.requestId);
  }

  private releaseHeld(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    sendJson(held, 202, { status: "OK" });
  }

  private async initError(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { body } = await readBody(req, MAX_ERROR_BYTES);
    if (this.initialized) return sendJson(res, 403, errorDoc("InvalidStateTransition", "The runtime is already initialized"));
    sendJson(res, 202, { status: "OK" });
    this.events.initError(body, headerValue(req, "lambda-runtime-function-error-type"));
  }

  private async invocationResult(req: IncomingMessage, res: ServerResponse, requestId: string, kind: "response" | "error"): Promise<void> {
    this.reading++;
    try {
      const { body, size } = await readBody(req, kind === "response" ? MAX_RESPONSE_BYTES : MAX_ERROR_BYTES);
      this.settleResult(req, res, requestId, kind, body, size);
    } finally {
      this.reading--;
      if (this.reading === 0 && this.deferred.length > 0) {
        for (const waiting of this.deferred.splice(0)) this.next(waiting);
      }
    }
  }

  private settleResult(req: IncomingMessage, res: ServerResponse, requestId: string, kind: "response" | "error", body: Buffer, size: number): void {
    const inv = this.active;
    // Unknown ids, ids already answered, and events not yet handed over are all AWS's 400.
    if (!inv || inv.requestId !== requestId || !this.handedOver) {
      return sendJson(res, 400, errorDoc("InvalidRequestID", "Invalid request ID"));
    }
    this.active = undefined;
    if (kind === "response" && size > MAX_RESPONSE_BYTES) {
      sendJson(res, 413, errorDoc("RequestEntityTooLarge", `Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`));
      this.events.result({ kind: "tooLarge", requestId, size });
      return;
    }
    // A runtime that pipelined its next GET behind this answer (our Node bootstrap) is not
    // waiting for the 202: it is sent with the next event, one wake-up of the runtime instead
    // of two. A runtime that waits for the 202 before asking for more gets it at once.
    if (this.deferred.some((r) => r.req?.socket === req.socket)) {
      this.releaseHeld();
      this.held = res;
    } else sendJson(res, 202, { status: "OK" });
    if (kind === "response") this.events.result({ kind, requestId, body });
    else this.events.result({ kind, requestId, body, errorType: headerValue(req, "lambda-runtime-function-error-type") });
  }
}

/** AWS's Runtime API error document. */
function errorDoc(errorType: string, errorMessage: string): { errorMessage: string; errorType: string } {
  return { errorMessage, errorType };
}

function sendJson(res: ServerResponse, status: number, doc: unknown): void {
  const body = JSON.stringify(doc);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

/** Reads a body, keeping at most `limit` bytes (the rest is drained and counted, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; size: number }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size + chunk.length <= limit) chunks.push(chunk);
      else if (size < limit) chunks.push(chunk.subarray(0, limit - size));
      size += chunk.length;
    });
    req.on("end", () => resolve({ body: Buffer.concat(chunks), size }));
    // A runtime killed mid-post: nothing to answer; treat what arrived as the body.
    req.on("error", () => resolve({ body: Buffer.concat(chunks), size }));
  });
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
