/**
 * A minimal HTTP/1.1 keep-alive client for loopback load: one request at a time per socket,
 * responses framed by content-length. It costs a fraction of what the AWS SDK costs per call, so
 * one core of it can saturate a server running on the other core.
 */
import { connect, type Socket } from "node:net";

export interface RawResponse {
  status: number;
  body: Buffer;
}

const HEADER_END = Buffer.from("\r\n\r\n");

class RawConnection {
  private socket?: Socket;
  private connecting?: Promise<void>;
  private buffered: Buffer = Buffer.alloc(0);
  private pending?: { resolve: (r: RawResponse) => void; reject: (e: Error) => void };

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  private open(): Promise<void> {
    this.connecting ??= new Promise<void>((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port, noDelay: true }, () => resolve());
      socket.on("data", (chunk: Buffer) => this.onData(chunk));
      socket.on("error", (err) => {
        reject(err);
        this.fail(err);
      });
      socket.on("close", () => this.fail(new Error("connection closed")));
      this.socket = socket;
    });
    return this.connecting;
  }

  private fail(err: Error): void {
    this.socket = undefined;
    this.connecting = undefined;
    this.buffered = Buffer.alloc(0);
    const p = this.pending;
    this.pending = undefined;
    p?.reject(err);
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const headerEnd = this.buffered.indexOf(HEADER_END);
    if (headerEnd === -1) return;
    const head = this.buffered.toString("latin1", 0, headerEnd);
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? "0");
    const end = headerEnd + 4 + length;
    if (this.buffered.length < end) return;
    const status = Number(head.slice(9, 12));
    const body = this.buffered.subarray(headerEnd + 4, end);
    this.buffered = this.buffered.length > end ? this.buffered.subarray(end) : Buffer.alloc(0);
    const p = this.pending;
    this.pending = undefined;
    p?.resolve({ status, body });
  }

  async request(bytes: Buffer): Promise<RawResponse> {
    if (!this.socket) await this.open();
    return new Promise<RawResponse>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket!.write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
  }
}

/** A fixed set of connections; a request takes a free one or waits for one. */
export class RawPool {
  private readonly free: RawConnection[] = [];
  private readonly all: RawConnection[] = [];
  private readonly waiting: Array<(c: RawConnection) => void> = [];
  readonly host: string;
  readonly port: number;

  constructor(endpoint: string, size: number) {
    const url = new URL(endpoint);
    this.host = url.hostname;
    this.port = Number(url.port);
    for (let i = 0; i < size; i++) {
      const c = new RawConnection(this.host, this.port);
      this.all.push(c);
      this.free.push(c);
    }
  }

  async request(bytes: Buffer): Promise<RawResponse> {
    const conn = this.free.pop() ?? (await new Promise<RawConnection>((resolve) => this.waiting.push(resolve)));
    try {
      return await conn.request(bytes);
    } finally {
      const next = this.waiting.shift();
      if (next) next(conn);
      else this.free.push(conn);
    }
  }

  close(): void {
    for (const c of this.all) c.close();
  }
}

/**
 * `x-amz-date` and `authorization` header lines of a well-formed SigV4 signature that is not
 * checked (a server without configured credentials reads only the access key): what the SDK
 * sends, without the cost of signing.
 */
export function unsignedAuthHeaders(service: string, signedHeaders: string): string {
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
  return `x-amz-date: ${date}\r\nauthorization: AWS4-HMAC-SHA256 Credential=bench/${date.slice(0, 8)}/us-east-1/${service}/aws4_request, SignedHeaders=${signedHeaders}, Signature=${"0".repeat(64)}\r\n`;
}
