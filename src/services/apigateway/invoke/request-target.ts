/**
 * The path and query string of a call, and its body, read at the cost the data plane can
 * afford per request: the WHATWG URL parser and a stream's async iterator each cost more than
 * the rest of a MOCK call's routing, so the common cases skip them.
 */
import type { IncomingMessage } from "node:http";

export interface RequestTarget {
  /** The path, as `new URL(...).pathname` gives it. */
  pathname: string;
  query: URLSearchParams;
}

/**
 * A request target that URL parsing would leave as it is: origin-form, only characters that
 * need no percent-encoding, no `#`, no dot segment (plain or encoded) in the path. Anything else
 * goes through `new URL`, which normalises it.
 */
const PLAIN = /^(\/[A-Za-z0-9\-._~!$&()*+,;=:@%/]*)(?:\?([A-Za-z0-9\-._~!$&()*+,;=:@%/?]*))?$/;
const DOT_SEGMENT = /\/(?:\.|%2e)/i;

export function requestTarget(url: string | undefined): RequestTarget {
  const m = PLAIN.exec(url ?? "/");
  if (m && !DOT_SEGMENT.test(m[1])) return { pathname: m[1], query: new URLSearchParams(m[2] ?? "") };
  const parsed = new URL(url ?? "/", "http://localhost");
  return { pathname: parsed.pathname, query: parsed.searchParams };
}

const EMPTY = Buffer.alloc(0);

/** API Gateway's quota on a request's payload: 10 MB. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/**
 * The request body, or undefined when it is larger than `limit` (what arrives past the limit is
 * read and dropped, so the connection stays usable). A request without Content-Length or
 * Transfer-Encoding has none (RFC 9112 §6.3), so nothing is waited for; Node drains the
 * (empty) stream when the response ends.
 */
export function readRequestBody(req: IncomingMessage, limit = MAX_PAYLOAD_BYTES): Buffer | undefined | Promise<Buffer | undefined> {
  const length = req.headers["content-length"];
  if (req.headers["transfer-encoding"] === undefined && (length === undefined || length === "0")) return EMPTY;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
