/* global Buffer */
// The Node bootstrap's HTTP/1.1 client for the Runtime API: raw keep-alive sockets, requests
// written as bytes, responses framed by Content-Length. It replaces `node:http`'s client, which
// cost an environment ~200–500 µs of CPU per invocation against 35–60 µs for this (see the
// Lambda profiling notes in docs/benchmarks.md). The server is Stratus's own loopback Runtime
// API (runtime-api-server.ts), which always answers with a Content-Length; chunked answers are
// decoded too so that the client never misreads a valid HTTP response.
//
// Idle sockets are unref'd, as `http.Agent` does with keepAlive: an open connection must not
// keep the event loop alive (callbackWaitsForEmptyEventLoop relies on the loop emptying), but a
// request in flight (the long-polling `GET /next`) must.

import net from "node:net";

const HEADER_END = Buffer.from("\r\n\r\n");

export class RuntimeApiClient {
  /** `socketPath`: the same API on a Unix socket (cheaper per request than loopback TCP). */
  constructor(host, port, socketPath) {
    this.host = host;
    this.port = port;
    this.socketPath = socketPath;
    /** Connections with no request in flight. */
    this.idle = [];
  }

  /** Resolves with `{ status, headers, body }` (header names lower-cased, body as text). */
  request(method, path, body, headers) {
    return this.pipeline([[method, path, body, headers]])[0];
  }

  /**
   * Sends `[method, path, body?, headers?]` requests back to back on one connection in one write
   * (HTTP/1.1 pipelining); the server answers them in order. The runtime posts its answer and
   * asks for its next event this way: the GET does not wait for the POST's 202, which saves a
   * round trip, a write here and a read in the server per invocation. Returns one promise per
   * request, each settled like request()'s.
   */
  pipeline(requests) {
    const bytes = Buffer.concat(requests.map(([method, path, body, headers]) => this.encode(method, path, body, headers)));
    const pending = requests.map(() => {
      const p = {};
      p.promise = new Promise((resolve, reject) => {
        p.resolve = resolve;
        p.reject = reject;
      });
      return p;
    });
    const reused = this.idle.pop();
    this.exchange(reused ?? this.connect(), bytes, pending, reused !== undefined);
    return pending.map((p) => p.promise);
  }

  encode(method, path, body, headers = {}) {
    const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
    if (payload) head += `Content-Type: application/json\r\nContent-Length: ${payload.length}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    return payload ? Buffer.concat([Buffer.from(`${head}\r\n`, "latin1"), payload]) : Buffer.from(`${head}\r\n`, "latin1");
  }

  connect() {
    const socket = this.socketPath ? net.connect(this.socketPath) : net.connect(this.port, this.host);
    if (!this.socketPath) socket.setNoDelay(true);
    socket.on("error", () => {}); // reported by exchange(); an idle socket's error just drops it
    socket.on("close", () => {
      const i = this.idle.indexOf(socket);
      if (i >= 0) this.idle.splice(i, 1);
    });
    return socket;
  }

  /** Writes `bytes` (one request per entry of `pending`) and settles `pending` in order. */
  exchange(socket, bytes, pending, retryable) {
    socket.ref();
    const parser = new ResponseParser();
    let answered = 0;
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("error", onFail);
      socket.off("close", onFail);
    };
    const failRest = (err) => {
      for (let i = answered; i < pending.length; i++) pending[i].reject(err);
    };
    const onData = (chunk) => {
      parser.push(chunk);
      let res;
      try {
        while (answered < pending.length && (res = parser.take())) {
          pending[answered++].resolve(res);
          if (res.close) break;
        }
      } catch (err) {
        cleanup();
        socket.destroy();
        return failRest(err);
      }
      if (res?.close) {
        cleanup();
        socket.destroy();
        return failRest(new Error("Runtime API closed the connection"));
      }
      if (answered < pending.length) return;
      cleanup();
      socket.unref();
      this.idle.push(socket);
    };
    const onFail = (err) => {
      cleanup();
      socket.destroy();
      // The server may close an idle connection just as we reuse it: nothing was answered, so
      // the requests go again on a fresh one (as a browser retries an idempotent reuse).
      if (retryable && answered === 0 && parser.empty()) return this.exchange(this.connect(), bytes, pending, false);
      failRest(err instanceof Error ? err : new Error("Runtime API connection closed"));
    };
    socket.on("data", onData);
    socket.on("error", onFail);
    socket.on("close", onFail);
    socket.write(bytes);
  }
}

/** Incremental HTTP/1.1 response parser (status line, headers, Content-Length or chunked body). */
class ResponseParser {
  constructor() {
    this.buf = Buffer.alloc(0);
    this.head = undefined;
  }

  empty() {
    return this.buf.length === 0 && !this.head;
  }

  push(chunk) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
  }

  /** Removes and returns the first complete response, or undefined while more bytes are needed. */
  take() {
    if (!this.head) {
      const end = this.buf.indexOf(HEADER_END);
      if (end < 0) return undefined;
      this.head = parseHead(this.buf.subarray(0, end).toString("latin1"));
      this.buf = this.buf.subarray(end + HEADER_END.length);
    }
    const { status, headers } = this.head;
    let body;
    let used;
    if (headers["transfer-encoding"]?.toLowerCase().includes("chunked")) {
      const chunked = decodeChunked(this.buf);
      if (!chunked) return undefined;
      ({ body, used } = chunked);
    } else {
      used = Number(headers["content-length"] ?? 0);
      if (this.buf.length < used) return undefined;
      body = this.buf.subarray(0, used);
    }
    this.head = undefined;
    this.buf = this.buf.subarray(used);
    return { status, headers, body: body.toString("utf8"), close: headers.connection?.toLowerCase() === "close" };
  }
}

function parseHead(text) {
  const lines = text.split("\r\n");
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  if (!m) throw new Error(`Runtime API sent a malformed status line: ${lines[0]}`);
  const headers = {};
  for (let i = 1; i < lines.length; i++) {
    const colon = lines[i].indexOf(":");
    if (colon > 0) headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
  }
  return { status: Number(m[1]), headers };
}

/** `{ body, used }` when every chunk up to the last (size 0) has arrived; otherwise undefined. */
function decodeChunked(buf) {
  const parts = [];
  let at = 0;
  for (;;) {
    const lineEnd = buf.indexOf("\r\n", at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buf.subarray(at, lineEnd).toString("latin1"), 16);
    if (Number.isNaN(size)) throw new Error("Runtime API sent a malformed chunk");
    const start = lineEnd + 2;
    if (size === 0) return buf.length >= start + 2 ? { body: Buffer.concat(parts), used: start + 2 } : undefined; // trailers are not used
    if (buf.length < start + size + 2) return undefined;
    parts.push(buf.subarray(start, start + size));
    at = start + size + 2;
  }
}
