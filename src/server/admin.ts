/**
 * Stratus's own endpoints under `/_stratus/`:
 * - `GET /_stratus/health` (also `/_localstack/health`, for tools that wait on that path);
 * - `GET /_stratus/status`: what the server holds (queues and message counts);
 * - `GET /_stratus/<service>/<path>`: read-only service resources (Lambda logs and code zips,
 *   SNS's recorded deliveries and signing certificate);
 * - admin, only when enabled: `POST /_stratus/reset`, `GET /_stratus/clock`,
 *   `POST /_stratus/clock` with `{"advanceMs": n}` or `{"advanceSeconds": n}` or `{"to": epochMs}`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ManualClock, type Clock } from "../core/clock.js";
import type { CompiledService } from "../protocols/compiled-service.js";
import { VERSION } from "../version.js";
import { BodyTooLarge, readBody } from "./read-body.js";

export interface AdminDeps {
  services: CompiledService[];
  clock: Clock;
  adminEnabled: boolean;
  reset: () => Promise<void>;
  startedAt: number;
}

/**
 * SNS's signing certificate at AWS's own path (`https://sns.<region>.amazonaws.com/<file>`),
 * for verifiers that accept no other URL form (src/services/sns/signing/README.md).
 */
const SNS_CERT_PATH = /^\/SimpleNotificationService-[0-9a-f]{32}\.pem$/;

export function isAdminPath(path: string): boolean {
  return path.startsWith("/_stratus/") || path === "/_stratus" || path === "/_localstack/health" || SNS_CERT_PATH.test(path);
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, requestPath: string, deps: AdminDeps): Promise<void> {
  const method = req.method ?? "GET";
  const path = SNS_CERT_PATH.test(requestPath) ? `/_stratus/sns${requestPath}` : requestPath;
  if ((path === "/_stratus/health" || path === "/_localstack/health") && (method === "GET" || method === "HEAD")) {
    return json(res, 200, health(deps));
  }
  if (path === "/_stratus/status" && method === "GET") {
    const services: Record<string, unknown> = {};
    for (const s of deps.services) services[s.id] = s.runtime.status?.() ?? {};
    return json(res, 200, { version: VERSION, uptimeSeconds: Math.round((performance.now() - deps.startedAt) / 1000), clock: { now: deps.clock.now(), manual: deps.clock.manual }, services });
  }
  const serviceGet = /^\/_stratus\/([a-z0-9-]+)\/(.+)$/.exec(path);
  const owner = serviceGet ? deps.services.find((s) => s.id === serviceGet[1]) : undefined;
  if (owner?.runtime.adminGet && method === "GET") {
    const answer = await owner.runtime.adminGet(serviceGet![2], new URL(req.url ?? "/", "http://localhost").searchParams);
    if (!answer) return json(res, 404, { error: "NotFound", message: `No ${owner.id} resource at ${path}.` });
    const body = typeof answer.body === "string" ? Buffer.from(answer.body) : answer.body;
    res.writeHead(answer.status, { "content-type": answer.contentType, "content-length": body.length });
    res.end(body);
    return;
  }
  if (!deps.adminEnabled) {
    return json(res, 404, { error: "NotFound", message: `${path} is not available: the admin API is off (start with --admin to enable it).` });
  }
  if (path === "/_stratus/reset" && method === "POST") {
    await deps.reset();
    return json(res, 200, { reset: true });
  }
  if (path === "/_stratus/clock" && method === "GET") {
    return json(res, 200, { now: deps.clock.now(), iso: new Date(deps.clock.now()).toISOString(), manual: deps.clock.manual });
  }
  if (path === "/_stratus/clock" && method === "POST") {
    if (!(deps.clock instanceof ManualClock)) {
      return json(res, 409, { error: "ClockNotManual", message: "The server runs on the system clock; start it with --manual-clock to move time." });
    }
    let body: Record<string, unknown>;
    try {
      const raw = await readBody(req, 64 * 1024);
      body = raw.length ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>) : {};
    } catch (err) {
      return json(res, err instanceof BodyTooLarge ? 413 : 400, { error: "BadRequest", message: "Send a JSON body such as {\"advanceMs\": 1000}." });
    }
    try {
      if (typeof body.advanceMs === "number") await deps.clock.advance(body.advanceMs);
      else if (typeof body.advanceSeconds === "number") await deps.clock.advance(body.advanceSeconds * 1000);
      else if (typeof body.to === "number") await deps.clock.advanceTo(body.to);
      else return json(res, 400, { error: "BadRequest", message: "Give advanceMs, advanceSeconds or to (epoch ms)." });
    } catch (err) {
      return json(res, 400, { error: "BadRequest", message: (err as Error).message });
    }
    return json(res, 200, { now: deps.clock.now(), iso: new Date(deps.clock.now()).toISOString(), manual: true });
  }
  return json(res, 404, { error: "NotFound", message: `No Stratus endpoint at ${method} ${path}.` });
}

function health(deps: AdminDeps) {
  const services: Record<string, string> = {};
  for (const s of deps.services) services[s.id] = "running";
  return { status: "running", version: VERSION, edition: "stratus", services };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
}
