/** Shared by the API Gateway tests: calling a deployed API over plain HTTP. */
import { request } from "node:http";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { TEST_CREDENTIALS } from "../helpers/stratus.js";

export interface ApiAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  raw: Buffer;
}

/**
 * A request to the server on `port`; `host` sets the Host header (the execute-api form). A
 * body is sent with its Content-Length (Node sends a GET's body unframed otherwise).
 */
export function callApi(port: number, path: string, options: { method?: string; host?: string; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: { ...(options.host ? { host: options.host } : {}), ...(options.body !== undefined ? { "content-length": String(Buffer.byteLength(options.body)) } : {}), ...(options.headers ?? {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body: raw.toString("utf8"), raw });
      });
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Only the status and the body of a call, for tests that compare whole answers. */
export async function statusAndBody(answer: Promise<ApiAnswer>): Promise<{ status: number; body: string }> {
  const { status, body } = await answer;
  return { status, body };
}

/** The path form of a deployed API's URL. */
export function apiPath(apiId: string, stage: string, path: string): string {
  return `/restapis/${apiId}/${stage}/_user_request_${path}`;
}

/** The API Gateway management client of the tests, for a started server. */
export function gatewayClient(server: { endpoint: string }): APIGatewayClient {
  return new APIGatewayClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}
