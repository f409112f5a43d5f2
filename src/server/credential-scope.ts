/**
 * Reads who is calling from a SigV4-signed request without verifying anything: the access key
 * id, region and service of the credential scope, from the Authorization header or the
 * presigned `X-Amz-Credential` query parameter. Used for service detection (DESIGN §2) and to
 * pick the account and region; verification is `sigv4.ts`'s job.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import type { IncomingHttpHeaders } from "node:http";

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const AUTH_CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

export function readCredentialScope(headers: IncomingHttpHeaders, query: URLSearchParams): CredentialScope | undefined {
  const auth = headers.authorization;
  if (typeof auth === "string") {
    const m = AUTH_CREDENTIAL.exec(auth);
    if (m) return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4] };
  }
  const credential = query.get("X-Amz-Credential");
  if (credential) {
    const [accessKeyId, date, region, service] = credential.split("/");
    if (accessKeyId && date && region && service) return { accessKeyId, date, region, service };
  }
  return undefined;
}
