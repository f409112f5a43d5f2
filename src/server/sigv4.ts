/**
 * SigV4 signature verification, for the Authorization header and for presigned query strings.
 * We rebuild the canonical request exactly as the signing clients do (the AWS SDKs and
 * botocore both URI-encode the already-encoded path once more for every service but S3),
 * sign it with the caller's secret and compare in constant time.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ServiceError } from "../core/errors.js";
import type { ProtocolRequest } from "../protocols/types.js";
import type { CredentialScope } from "./credential-scope.js";

/** AWS refuses signatures more than 15 minutes away from its own clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const ALGORITHM = "AWS4-HMAC-SHA256";

export interface SignedParts {
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  presigned: boolean;
  expiresSeconds?: number;
}

export function verifySignature(req: ProtocolRequest, scope: CredentialScope, secret: string, now: number): void {
  const parts = readSignedParts(req);
  if (!parts) throw incompleteSignature();
  const signedAt = parseAmzDate(parts.amzDate);
  if (signedAt === undefined) throw incompleteSignature();
  if (parts.presigned) {
    if (parts.expiresSeconds !== undefined && now > signedAt + parts.expiresSeconds * 1000) {
      throw new ServiceError("SignatureDoesNotMatch", `Signature expired: ${parts.amzDate} is now earlier than ${formatAmzDate(now - parts.expiresSeconds * 1000)}.`, { status: 403 });
    }
  } else if (Math.abs(now - signedAt) > MAX_CLOCK_SKEW_MS) {
    const bound = now > signedAt ? `is now earlier than ${formatAmzDate(now - MAX_CLOCK_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)` : `is now later than ${formatAmzDate(now + MAX_CLOCK_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`;
    throw new ServiceError("SignatureDoesNotMatch", `Signature expired: ${parts.amzDate} ${bound}`, { status: 403 });
  }
  if (!parts.signedHeaders.includes("host")) throw incompleteSignature();
  const canonical = canonicalRequest(req, parts);
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, parts.amzDate, credentialScope, sha256Hex(canonical)].join("\n");
  const key = signingKey(secret, scope.date, scope.region, scope.service);
  const expected = createHmac("sha256", key).update(stringToSign).digest();
  const given = Buffer.from(parts.signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ServiceError(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
      { status: 403 },
    );
  }
}

function readSignedParts(req: ProtocolRequest): SignedParts | undefined {
  const auth = typeof req.headers.authorization === "string" ? req.headers.authorization : undefined;
  if (auth) {
    if (!auth.startsWith(ALGORITHM)) return undefined;
    const signedHeaders = /SignedHeaders=([^,\s]+)/.exec(auth)?.[1];
    const signature = /Signature=([0-9a-f]+)/.exec(auth)?.[1];
    const amzDate = headerValue(req, "x-amz-date") ?? headerValue(req, "date");
    if (!signedHeaders || !signature || !amzDate) return undefined;
    return { signedHeaders: signedHeaders.split(";"), signature, amzDate, presigned: false };
  }
  const q = req.query;
  if (q.get("X-Amz-Algorithm") !== ALGORITHM) return undefined;
  const signedHeaders = q.get("X-Amz-SignedHeaders");
  const signature = q.get("X-Amz-Signature");
  const amzDate = q.get("X-Amz-Date");
  if (!signedHeaders || !signature || !amzDate) return undefined;
  const expires = q.get("X-Amz-Expires");
  return { signedHeaders: signedHeaders.split(";"), signature, amzDate, presigned: true, expiresSeconds: expires ? Number(expires) : undefined };
}

function canonicalRequest(req: ProtocolRequest, parts: SignedParts): string {
  const headers = [...parts.signedHeaders].sort();
  const canonicalHeaders = headers.map((h) => `${h}:${(headerValue(req, h) ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const payloadHeader = headerValue(req, "x-amz-content-sha256");
  let payloadHash = sha256Hex(req.body);
  if (payloadHeader === "UNSIGNED-PAYLOAD" || (payloadHeader && /^[0-9a-f]{64}$/.test(payloadHeader) && payloadHeader === payloadHash)) payloadHash = payloadHeader;
  return [req.method, canonicalUri(req.path), canonicalQuery(req.rawQuery, parts.presigned), canonicalHeaders, headers.join(";"), payloadHash].join("\n");
}

/** Normalizes dot segments, then encodes every segment of the (still encoded) path once more. */
export function canonicalUri(path: string): string {
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "." ) continue;
    if (seg === "..") {
      out.pop();
      continue;
    }
    out.push(seg);
  }
  let normalized = out.join("/");
  if (!normalized.startsWith("/")) normalized = "/" + normalized;
  if (path.endsWith("/") && !normalized.endsWith("/")) normalized += "/";
  return normalized.split("/").map(rfc3986).join("/");
}

function canonicalQuery(raw: string, presigned: boolean): string {
  if (!raw) return "";
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const k = safeDecode(eq === -1 ? part : part.slice(0, eq));
    const v = eq === -1 ? "" : safeDecode(part.slice(eq + 1));
    if (presigned && k === "X-Amz-Signature") continue;
    pairs.push([rfc3986(k), rfc3986(v)]);
  }
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac("sha256", "AWS4" + secret).update(date).digest();
  const kRegion = createHmac("sha256", kDate).update(region).digest();
  const kService = createHmac("sha256", kRegion).update(service).digest();
  return createHmac("sha256", kService).update("aws4_request").digest();
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function headerValue(req: ProtocolRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/** `20260101T000000Z` → epoch ms; also accepts an HTTP date. */
function parseAmzDate(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function incompleteSignature(): ServiceError {
  return new ServiceError("IncompleteSignature", "The request signature does not conform to AWS standards.", { status: 403 });
}
