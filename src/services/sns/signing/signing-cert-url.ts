/**
 * Where subscribers fetch the signing certificate. AWS names it
 * `https://sns.<region>.amazonaws.com/SimpleNotificationService-<32 hex>.pem`; Stratus serves the
 * same file name on its own port, under `/_stratus/sns/` and also at the root path AWS uses
 * (so a verifier whose connection is redirected to Stratus, see README.md, finds it too).
 */

/** The admin-area prefix Stratus serves the certificate under. */
export const SIGNING_CERT_ROUTE_PREFIX = "/_stratus/sns/";

/** AWS's certificate file names: `SimpleNotificationService-` + 32 letters/digits + `.pem`. */
export const SIGNING_CERT_FILE_PATTERN = /^SimpleNotificationService-[a-zA-Z0-9]{32}\.pem$/;

/** The media type to answer the certificate with. */
export const SIGNING_CERT_CONTENT_TYPE = "application/x-pem-file";

/** `/_stratus/sns/SimpleNotificationService-<id>.pem` */
export function signingCertPath(certificateFileName: string): string {
  return SIGNING_CERT_ROUTE_PREFIX + certificateFileName;
}

/**
 * The SigningCertURL Stratus puts in its messages: `endpoint` is the server's base URL as
 * clients reach it (`http://localhost:4566`), with or without a trailing slash.
 */
export function signingCertUrl(endpoint: string, certificateFileName: string): string {
  return endpoint.replace(/\/+$/, "") + signingCertPath(certificateFileName);
}

/**
 * The SigningCertURL AWS would use in `region` (`https://sns.<region>.amazonaws.com/<file>`),
 * for verifiers that accept nothing else (sns-payload-validator): see README.md.
 */
export function awsStyleSigningCertUrl(region: string, certificateFileName: string): string {
  return `https://sns.${region}.amazonaws.com/${certificateFileName}`;
}

/**
 * The certificate file name a request path asks for (`/_stratus/sns/<file>` or `/<file>`, query
 * ignored), or undefined when the path is not a certificate path. The caller compares it with
 * the current `certificateFileName` and answers 404 for any other.
 */
export function certificateFileNameFromPath(path: string): string | undefined {
  const pathname = path.split("?", 1)[0];
  const name = pathname.startsWith(SIGNING_CERT_ROUTE_PREFIX)
    ? pathname.slice(SIGNING_CERT_ROUTE_PREFIX.length)
    : pathname.slice(1);
  return SIGNING_CERT_FILE_PATTERN.test(name) ? name : undefined;
}
