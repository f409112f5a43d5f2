/**
 * Starts a Stratus server: storage, clock, scheduler, services, then the HTTP listener.
 * Used by the CLI and by users' own test suites (`import { start } from "stratus"`).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ManualClock, SystemClock, type Clock } from "../core/clock.js";
import type { ServiceClients } from "../core/clients.js";
import type { LambdaSettings, ServerSettings, StatesSettings } from "../core/settings.js";
import { DEFAULT_REGION, newRequestId } from "../core/ids.js";
import { createLogger, type Logger, type LogLevel } from "../core/logger.js";
import { Scheduler } from "../core/scheduler.js";
import type { ServiceModule } from "../core/service.js";
import { CompiledService } from "../protocols/compiled-service.js";
import { builtInServices } from "../services/registry.js";
import { Database } from "../storage/sqlite/database.js";
import { handleAdmin, isAdminPath } from "./admin.js";
import { Authenticator, type Credential } from "./authenticator.js";
import { ServiceDirectory } from "./detect-service.js";
import { dispatchAwsRequest, handleAwsRequest } from "./handle-request.js";
import { operationCaller } from "./operation-caller.js";

export interface StartOptions {
  /** Interface to listen on; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** 4566 by default; 0 picks a free port. */
  port?: number;
  /** Where the SQLite file lives (default `./.stratus`). Ignored with `inMemory`. */
  dataDir?: string;
  /** Keep nothing on disk. */
  inMemory?: boolean;
  region?: string;
  logLevel?: LogLevel;
  logger?: Logger;
  /** `"manual"` starts a ManualClock (time moves only through `clock.advance()` or the admin API). */
  clock?: "system" | "manual" | Clock;
  /** Enables `/_stratus/reset` and the clock endpoints. */
  admin?: boolean;
  /** When given, every request must be SigV4-signed with one of these. */
  credentials?: Credential[];
  /** Lambda: account concurrency limit, idle time of warm environments. */
  lambda?: LambdaSettings;
  states?: StatesSettings;
  /** Largest request body accepted (bytes). */
  maxBodyBytes?: number;
  /** Services to serve (default: every built-in service). */
  services?: ServiceModule[];
}

export interface StratusServer {
  /** `http://host:port`, ready for an SDK client's `endpoint`. */
  endpoint: string;
  host: string;
  port: number;
  clock: Clock;
  /** The ManualClock when started with `clock: "manual"`. */
  manualClock?: ManualClock;
  dataPath: string;
  /** Forgets every resource in every service. */
  reset(): Promise<void>;
  /** Stops accepting, lets in-flight requests finish, commits and closes storage. */
  stop(): Promise<void>;
}

export const DEFAULT_PORT = 4566;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_DATA_DIR = ".stratus";
/** 70 MiB: above Lambda's 50 MB zipped code upload once base64-encoded. */
export const DEFAULT_MAX_BODY_BYTES = 70 * 1024 * 1024;
/** How long stop() waits for in-flight requests before closing every connection. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function start(options: StartOptions = {}): Promise<StratusServer> {
  const startedAt = performance.now();
  const host = options.host ?? DEFAULT_HOST;
  const logger = options.logger ?? createLogger(options.logLevel ?? "info");
  const clock: Clock = options.clock === "manual" ? new ManualClock() : options.clock && options.clock !== "system" ? options.clock : new SystemClock();
  const db = new Database({ dataDir: options.dataDir ?? DEFAULT_DATA_DIR, inMemory: options.inMemory });
  const scheduler = new Scheduler(db, clock, logger);
  let endpoint = "";
  const modules = options.services ?? builtInServices();
  const clients: ServiceClients = {};
  const settings: ServerSettings = { credentials: options.credentials ?? [], lambda: options.lambda ?? {}, states: options.states ?? {} };
  const dataDir = options.inMemory ? undefined : (options.dataDir ?? DEFAULT_DATA_DIR);
  const services = modules.map((m) => new CompiledService(m, m.create({ clock, logger, db, scheduler, endpoint: () => endpoint, dataDir, clients, settings })));
  for (const s of services) s.runtime.provideClients?.(clients);
  for (const s of services) await s.runtime.start?.();
  scheduler.start();

  const directory = new ServiceDirectory(services);
  const authenticator = new Authenticator(options.credentials ?? [], clock, options.region ?? DEFAULT_REGION);
  const shutdown = new AbortController();
  const reset = async () => {
    scheduler.reset();
    for (const s of services) await s.runtime.reset?.();
  };
  const adminDeps = { services, clock, adminEnabled: options.admin === true, reset, startedAt };
  const pipeline = { directory, authenticator, clock, logger, maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, shutdown: shutdown.signal };
  clients.operations = operationCaller(directory, { clock, logger, endpoint: () => endpoint, signal: shutdown.signal });
  clients.aws = {
    async call(args) {
      const preq = { method: args.method, path: args.path, query: new URLSearchParams(args.rawQuery), rawQuery: args.rawQuery, headers: args.headers, body: args.body };
      const { response } = await dispatchAwsRequest(preq, pipeline, { requestId: newRequestId(), host: new URL(endpoint).host, cancellation: shutdown, internal: args });
      return { status: response.status, headers: response.headers, body: typeof response.body === "string" ? Buffer.from(response.body) : response.body };
    },
  };

  const server: Server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0];
    const host = services.find((s) => s.module.ownsRequest?.(req.headers.host, path));
    const work = host?.runtime.serveHttp ? host.runtime.serveHttp(req, res) : isAdminPath(path) ? handleAdmin(req, res, path, adminDeps) : handleAwsRequest(req, res, pipeline);
    work.catch((err) => {
      logger.error("unhandled error while answering a request", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ __type: "InternalFailure", message: "internal error" }));
    });
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    scheduler.stop();
    for (const s of services) await s.runtime.stop?.();
    db.close();
    clock.dispose();
    throw err;
  }
  // Each service's model (from its SDK package, ServiceModule.loadModel) loads on the service's
  // first request: loading them all as soon as the server listened made the first call wait for all.
  const port = (server.address() as AddressInfo).port;
  endpoint = `http://${host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Long polls answer at once; answers given from now on close their connection.
      shutdown.abort();
      // A client that keeps a connection open without a request in flight is not waited for.
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      force.unref();
      await closed;
      clearTimeout(force);
      scheduler.stop();
      for (const s of services) await s.runtime.stop?.();
      db.close();
      clock.dispose();
    })());

  return {
    endpoint,
    host,
    port,
    clock,
    manualClock: clock instanceof ManualClock ? clock : undefined,
    dataPath: db.path,
    reset,
    stop,
  };
}
