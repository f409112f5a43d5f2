/**
 * Invoke as raw bytes on keep-alive sockets (bench/lib/raw-http.ts): the request the SDK sends
 * (restJson1 path, the headers the server reads, a well-formed but unchecked SigV4
 * `authorization`), without the SDK's per-call cost. One core of the SDK client cannot
 * saturate the server and its environments; this client can, so its rows measure Stratus's
 * capacity rather than the client's. The answer must be a 200 echoing the event.
 */
import { RawPool, unsignedAuthHeaders } from "../lib/raw-http.js";

export interface RawInvoker {
  invoke(functionName: string, payload: Uint8Array): Promise<void>;
  close(): void;
}

export function rawInvoker(endpoint: string, sockets: number): RawInvoker {
  const pool = new RawPool(endpoint, sockets);
  const host = `${pool.host}:${pool.port}`;
  return {
    invoke: async (functionName, payload) => {
      const head =
        `POST /2015-03-31/functions/${encodeURIComponent(functionName)}/invocations HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/octet-stream\r\n` +
        `${unsignedAuthHeaders("lambda", "content-type;host;x-amz-date")}content-length: ${payload.length}\r\n\r\n`;
      const res = await pool.request(Buffer.concat([Buffer.from(head, "latin1"), payload]));
      if (res.status !== 200) throw new Error(`Invoke ${functionName}: HTTP ${res.status} ${res.body.toString("utf8").slice(0, 200)}`);
      if (!res.body.equals(payload)) throw new Error(`Invoke ${functionName}: the answer is not the event (${res.body.toString("utf8").slice(0, 200)})`);
    },
    close: () => pool.close(),
  };
}
