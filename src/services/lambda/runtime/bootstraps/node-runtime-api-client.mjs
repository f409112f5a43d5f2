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
  async request(method, path, body, headers = {}) {
    const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
    if (payload) head += `Content-Type: application/json\r\nContent-Length: ${payload.length}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    const bytes = payload ? Buffer.concat([Buffer.from(`${head}\r\n`, "latin1"), payload]) : Buffer.from(`${head}\r\n`, "latin1");

    const reused = this.idle.pop();
    if (reused) {
      try {
        return await this.exchange(reused, bytes);
      } catch (err) {
        // The server may close an idle connection just as we reuse it: nothing was answered,
        // so the request goes again on a fresh one (as a browser retries an idempotent reuse).
        if (!err.beforeAnswer) throw err;
      }
    }
    return this.exchange(this.connect(), bytes);
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

  exchange(socket, bytes) {
    return new Promise((resolve, reject) => {
      socket.ref();
      const parser = new ResponseParser();
      const cleanup = () => {
        socket.off("data", onData);
        socket.off("error", onFail);
        socket.off("close", onFail);
      };
      const onData = (chunk) => {
        let res;
        try {
          res = parser.push(chunk);
        } catch (err) {
          cleanup();
          socket.destroy();
          return reject(err);
        }
        if (!res) return;
        cleanup();
        if (res.close) socket.destroy();
        else {
          socket.unref();
          this.idle.push(socket);
        }
        resolve(res);
      };
      const onFail = (err) => {
        cleanup();
        socket.destroy();
        const e = err instanceof Error ? err : new Error("Runtime API connection closed");
        e.beforeAnswer = parser.empty();
        reject(e);
      };
      socket.on("data", onData);
      socket.on("error", onFail);
      socket.on("close", onFail);
      socket.write(bytes);
    });
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

  /** Returns the complete response, or undefined while more bytes are needed. */
  push(chunk) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    if (!this.head) {
      const end = this.buf.indexOf(HEADER_END);
      if (end < 0) return undefined;
      this.head = parseHead(this.buf.subarray(0, end).toString("latin1"));
      this.buf = this.buf.subarray(end + HEADER_END.length);
    }
    const { status, headers } = this.head;
    let body;
    if (headers["transfer-encoding"]?.toLowerCase().includes("chunked")) {
      body = decodeChunked(this.buf);
      if (!body) return undefined;
    } else {
      const length = Number(headers["content-length"] ?? 0);
      if (this.buf.length < length) return undefined;
      body = this.buf.subarray(0, length);
    }
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

/** The whole body when every chunk up to the last (size 0) has arrived; otherwise undefined. */
function decodeChunked(buf) {
  const parts = [];
  let at = 0;
  for (;;) {
    const lineEnd = buf.indexOf("\r\n", at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buf.subarray(at, lineEnd).toString("latin1"), 16);
    if (Number.isNaN(size)) throw new Error("Runtime API sent a malformed chunk");
    const start = lineEnd + 2;
    if (size === 0) return buf.length >= start + 2 ? Buffer.concat(parts) : undefined; // trailers are not used
    if (buf.length < start + size + 2) return undefined;
    parts.push(buf.subarray(start, start + size));
    at = start + size + 2;
  }
}
