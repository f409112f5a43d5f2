/**
 * Writes a call's answer with the headers API Gateway adds to every answer (x-amzn-RequestId,
 * x-amz-apigw-id) and its Content-Length; a HEAD call gets the headers only.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpAnswer } from "./gateway-responses.js";

/** The headers this writer sets itself: an answer's own value for them is replaced. */
const OWN = new Set(["content-length", "x-amzn-requestid", "x-amz-apigw-id"]);

/** Past this size a Buffer body is written as it is: copying it into one string would cost more than the second iovec. */
const ONE_WRITE_MAX_BYTES = 16 * 1024;

export function sendAnswer(req: IncomingMessage, res: ServerResponse, a: HttpAnswer, requestId: string): void {
  const length = typeof a.body === "string" ? Buffer.byteLength(a.body) : a.body.length;
  // A flat [name, value, …] list is the cheapest form writeHead takes (no object to copy or walk).
  const headers: Array<string | number | string[]> = [];
  for (const name in a.headers) if (!OWN.has(name)) headers.push(name, a.headers[name]);
  headers.push("content-length", length, "x-amzn-requestid", requestId, "x-amz-apigw-id", requestId.slice(0, 16));
  res.writeHead(a.status, headers as string[]);
  if (req.method === "HEAD") return void res.end();
  // A string body leaves in one write with the headers (Node joins the two); a Buffer would take
  // a writev. A small Buffer is sent as latin1 text, whose bytes are the Buffer's own.
  if (typeof a.body === "string") res.end(a.body);
  else if (a.body.length <= ONE_WRITE_MAX_BYTES) res.end(a.body.toString("latin1"), "latin1");
  else res.end(a.body);
}
