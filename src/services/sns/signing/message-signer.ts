/**
 * SNS message signatures: SignatureVersion "1" is SHA1withRSA, "2" is SHA256withRSA (PKCS #1
 * v1.5), over the canonical string, base64-encoded.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */
import { createSign, createVerify, type KeyObject } from "node:crypto";
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
