/**
 * One POST to an HTTP/S subscriber, timed on the server's clock. Success is any 2xx answer
 * within the timeout; the answer's body is read and discarded. HTTPS certificates are
 * verified as Node verifies them by default (NODE_EXTRA_CA_CERTS adds a local CA).
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Clock } from "../../../core/clock.js";

export type PostOutcome = { ok: true; status: number } | { ok: false; status?: number; reason: string };

export interface PostRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  clock: Clock;
  signal?: AbortSignal;
}

export function postOnce(r: PostRequest): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(r.url);
    } catch {
      resolve({ ok: false, reason: `invalid endpoint URL ${r.url}` });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      resolve({ ok: false, reason: `unsupported endpoint protocol ${url.protocol}` });
      return;
    }
    const body = Buffer.from(r.body, "utf8");
    let done = false;
    let req: ClientRequest | undefined;
    const finish = (outcome: PostOutcome) => {
      if (done) return;
      done = true;
      r.clock.clearTimer(timer);
      r.signal?.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const fail = (reason: string) => {
      finish({ ok: false, reason });
      req?.destroy();
    };
    const onAbort = () => fail("aborted");
    const timer = r.clock.setTimer(r.clock.now() + r.timeoutMs, () => fail(`no answer within ${r.timeoutMs / 1000} seconds`));
    if (r.signal?.aborted) {
      fail("aborted");
      return;
    }
    r.signal?.addEventListener("abort", onAbort, { once: true });
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    try {
      req = send(url, { method: "POST", headers: { ...r.headers, "Content-Length": String(body.length) }, agent: false }, (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        res.on("error", () => undefined);
        res.resume();
        finish(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, reason: `HTTP ${status}` });
      });
    } catch (err) {
      fail((err as Error).message);
      return;
    }
    req.on("error", (err) => fail(err.message || String(err)));
    req.end(body);
  });
}
