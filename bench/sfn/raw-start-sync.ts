/**
 * StartSyncExecution as raw bytes on keep-alive sockets (bench/lib/raw-http.ts): the request
 * the SDK sends (awsJson1_0, `X-Amz-Target`, a well-formed but unchecked SigV4
 * `authorization`), without the SDK's per-call cost, so a row measures what Stratus can serve
 * rather than what one core of the SDK client can send. The answer must say SUCCEEDED.
 */
import { RawPool, unsignedAuthHeaders } from "../lib/raw-http.js";

export interface RawStarter {
  startSync(stateMachineArn: string, input: string): Promise<void>;
  close(): void;
}

export function rawStarter(endpoint: string, sockets: number): RawStarter {
  const pool = new RawPool(endpoint, sockets);
  const host = `${pool.host}:${pool.port}`;
  return {
    startSync: async (stateMachineArn, input) => {
      const body = Buffer.from(JSON.stringify({ stateMachineArn, input }));
      const head =
        `POST / HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: AWSStepFunctions.StartSyncExecution\r\n` +
        `${unsignedAuthHeaders("states", "content-type;host;x-amz-date;x-amz-target")}content-length: ${body.length}\r\n\r\n`;
      const res = await pool.request(Buffer.concat([Buffer.from(head, "latin1"), body]));
      const text = res.body.toString("utf8");
      if (res.status !== 200 || !text.includes('"status":"SUCCEEDED"')) throw new Error(`StartSyncExecution: HTTP ${res.status} ${text.slice(0, 200)}`);
    },
    close: () => pool.close(),
  };
}
