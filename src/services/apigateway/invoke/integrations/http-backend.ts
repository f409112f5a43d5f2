/**
 * One HTTP request to an integration endpoint (HTTP, HTTP_PROXY): no redirects followed, the
 * answer read whole. A connection failure is the caller's to turn into a gateway response.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface BackendAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
  /** A Lambda function error's errorMessage (what selectionPattern matches for Lambda). */
  errorMessage?: string;
}

export function sendHttp(args: { method: string; url: string; headers: Record<string, string>; body: Buffer }): Promise<BackendAnswer> {
  const url = new URL(args.url);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: args.method, headers: { ...args.headers, ...(args.body.length || !["GET", "HEAD"].includes(args.method) ? { "content-length": String(args.body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers: Array<[string, string]> = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(args.method === "GET" || args.method === "HEAD" ? undefined : args.body);
  });
}
