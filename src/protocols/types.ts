import type { IncomingHttpHeaders } from "node:http";

/** A request as the protocol layer sees it: already read, nothing parsed yet. */
export interface ProtocolRequest {
  method: string;
  /** Path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  /** The query string as sent (SigV4 signs it in this form). */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ProtocolResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}
