/**
 * Payload compression: with the API's minimumCompressionSize set, an answer at least that large
 * is compressed with the encoding the client accepts (gzip or deflate, by Accept-Encoding and
 * its q-values; `identity` alone or nothing: as it is), and a compressed request payload is
 * decompressed for the mapping templates of non-proxy integrations (proxy ones get it as sent).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gzip-compression-decompression.html
 */
import { deflateSync, gunzipSync, gzipSync, inflateSync } from "node:zlib";
import type { HttpAnswer } from "./gateway-responses.js";

const ENCODERS = { gzip: gzipSync, deflate: deflateSync } as const;
type Encoding = keyof typeof ENCODERS;

export function compressAnswer(a: HttpAnswer, minimumSize: number | undefined, acceptEncoding: string | undefined): HttpAnswer {
  if (minimumSize === undefined || !acceptEncoding || a.headers["content-encoding"] !== undefined) return a;
  const encoding = preferredEncoding(acceptEncoding);
  if (!encoding) return a;
  const body = typeof a.body === "string" ? Buffer.from(a.body) : a.body;
  if (body.length < minimumSize) return a;
  return { ...a, headers: { ...a.headers, "content-encoding": encoding }, body: ENCODERS[encoding](body) };
}

/** The accepted encoding we can produce with the highest q-value (gzip first on a tie). */
function preferredEncoding(header: string): Encoding | undefined {
  let best: { encoding: Encoding; q: number } | undefined;
  for (const part of header.split(",")) {
    const [token, ...params] = part.trim().split(";");
    const name = token.trim().toLowerCase();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    const candidates: Encoding[] = name === "*" ? ["gzip", "deflate"] : name === "gzip" || name === "deflate" ? [name] : [];
    for (const encoding of candidates) if (!best || q > best.q) best = { encoding, q };
  }
  return best?.encoding;
}

const DECODERS: Record<string, (b: Buffer) => Buffer> = { gzip: gunzipSync, deflate: inflateSync };

/**
 * The payload a non-proxy integration's mapping sees: decompressed when the API has compression
 * enabled and the request says gzip or deflate; as sent otherwise (or when it does not decode).
 */
export function requestPayload(body: Buffer, contentEncoding: string | undefined, compressionEnabled: boolean, proxy: boolean): Buffer {
  const decode = contentEncoding ? DECODERS[contentEncoding.trim().toLowerCase()] : undefined;
  if (!decode || !compressionEnabled || proxy || body.length === 0) return body;
  try {
    return decode(body);
  } catch {
    return body;
  }
}
