/**
 * SNS message signatures: SignatureVersion "1" is SHA1withRSA, "2" is SHA256withRSA (PKCS #1
 * v1.5), over the canonical string, base64-encoded.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */
import { createSign, createVerify, webcrypto, type KeyObject } from "node:crypto";
import { canonicalStringToSign, type SignableFields } from "./canonical-string.js";

export type SignatureVersion = "1" | "2";

/** What a subscription's `SignatureVersion` attribute defaults to on AWS. */
export const DEFAULT_SIGNATURE_VERSION: SignatureVersion = "1";

const DIGEST: Record<SignatureVersion, string> = { "1": "sha1", "2": "sha256" };

export function isSignatureVersion(value: unknown): value is SignatureVersion {
  return value === "1" || value === "2";
}

/** The base64 `Signature` of a message, signed with Stratus's SNS private key. */
export function signMessage(fields: SignableFields, signatureVersion: SignatureVersion, privateKey: KeyObject): string {
  const signer = createSign(digestFor(signatureVersion));
  signer.update(canonicalStringToSign(fields), "utf8");
  return signer.sign(privateKey, "base64");
}

/**
 * The same signature, computed off the event loop: WebCrypto signs on libuv's thread pool. An
 * RSA-2048 signature costs about 0.2 ms of CPU; on the publish path that work then runs on
 * another core instead of stalling every request behind it.
 */
export async function signMessageAsync(fields: SignableFields, signatureVersion: SignatureVersion, privateKey: KeyObject): Promise<string> {
  const key = await cryptoKeyFor(privateKey, signatureVersion);
  const signature = await webcrypto.subtle.sign("RSASSA-PKCS1-v1_5", key, Buffer.from(canonicalStringToSign(fields), "utf8"));
  return Buffer.from(signature).toString("base64");
}

/** WebCrypto keys carry their hash: one import per key and signature version. */
const cryptoKeys = new WeakMap<KeyObject, Partial<Record<SignatureVersion, Promise<webcrypto.CryptoKey>>>>();

function cryptoKeyFor(privateKey: KeyObject, version: SignatureVersion): Promise<webcrypto.CryptoKey> {
  let byVersion = cryptoKeys.get(privateKey);
  if (!byVersion) cryptoKeys.set(privateKey, (byVersion = {}));
  return (byVersion[version] ??= webcrypto.subtle.importKey(
    "pkcs8",
    privateKey.export({ type: "pkcs8", format: "der" }),
    { name: "RSASSA-PKCS1-v1_5", hash: version === "1" ? "SHA-1" : "SHA-256" },
    false,
    ["sign"],
  ));
}

/**
 * Checks a signature against a certificate (PEM) or public key, as a subscriber would. For tests
 * and diagnostics; a false answer for any malformed input rather than an exception.
 */
export function verifyMessageSignature(
  fields: SignableFields,
  signature: string,
  signatureVersion: SignatureVersion,
  certificateOrPublicKey: string | KeyObject,
): boolean {
  try {
    const verifier = createVerify(digestFor(signatureVersion));
    verifier.update(canonicalStringToSign(fields), "utf8");
    return verifier.verify(certificateOrPublicKey, signature, "base64");
  } catch {
    return false;
  }
}

function digestFor(version: SignatureVersion): string {
  const digest = DIGEST[version];
  if (!digest) throw new TypeError(`unsupported SNS SignatureVersion ${String(version)}`);
  return digest;
}
