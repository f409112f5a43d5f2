/**
 * Binary payloads: a request body is binary when its Content-Type matches one of the API's
 * binaryMediaTypes (wildcards such as `image/*` or `*\/*` allowed); proxy integrations then get
 * it base64-encoded with isBase64Encoded true, and others per the integration's contentHandling.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html
 */
import type { ApiCall } from "./api-call.js";

export function isBinaryBody(call: ApiCall): boolean {
  return matchesBinaryType(call.deployment.binaryMediaTypes ?? [], headerValue(call.request.headers, "content-type"));
}

/** Whether a content type (or Accept) matches one of the API's binary media types. */
export function matchesBinaryType(binaryTypes: string[], contentType: string | undefined): boolean {
  if (!contentType || binaryTypes.length === 0) return false;
  const type = contentType.split(";", 1)[0].trim().toLowerCase();
  return binaryTypes.some((b) => {
    const t = b.toLowerCase();
    if (t === "*/*") return true;
    return t.endsWith("/*") ? type.startsWith(t.slice(0, -1)) : t === type;
  });
}

/** A request header's value, matched case-insensitively (the first one). */
export function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  // Names are ASCII tokens: a name of another length cannot match, and is not lowercased to see.
  return headers.find(([k]) => k.length === lower.length && k.toLowerCase() === lower)?.[1];
}

/**
 * Whether a base64 body leaves as binary: the API lists the Accept header's first type (AWS
 * honours only the first) or, without an Accept header, the response's Content-Type.
 */
export function isBinaryAccepted(call: ApiCall, responseContentType: string | undefined): boolean {
  const types = call.deployment.binaryMediaTypes ?? [];
  const accept = headerValue(call.request.headers, "accept");
  if (accept) return matchesBinaryType(types, accept.split(",", 1)[0]);
  return matchesBinaryType(types, responseContentType);
}
