/**
 * A client's `Cache-Control: max-age=0` asks for a fresh answer. When the method's settings
 * require authorization for it (the default), only a caller allowed execute-api:InvalidateCache
 * may: Stratus has no IAM, so a SigV4-signed request counts as allowed; others get the
 * unauthorizedCacheControlHeaderStrategy: FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER (the cached
 * answer with a Warning header) or SUCCEED_WITHOUT_RESPONSE_HEADER.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html#invalidate-method-caching
 */
import type { ApiCall } from "../invoke/api-call.js";
import { headerValue } from "../invoke/binary.js";
import type { MethodSettingRecord } from "../types.js";

export type CacheControl = "use" | "refresh" | "refuse" | "use-with-warning";

export function cacheControlOf(call: ApiCall, settings: MethodSettingRecord): CacheControl {
  const header = headerValue(call.request.headers, "cache-control");
  if (!header || !/(^|,)\s*max-age\s*=\s*0\s*(,|$)/i.test(header)) return "use";
  const signed = /^AWS4-HMAC-SHA256 /.test(headerValue(call.request.headers, "authorization") ?? "");
  if (settings.requireAuthorizationForCacheControl === false || signed) return "refresh";
  switch (settings.unauthorizedCacheControlHeaderStrategy) {
    case "FAIL_WITH_403":
      return "refuse";
    case "SUCCEED_WITHOUT_RESPONSE_HEADER":
      return "use";
    default:
      return "use-with-warning";
  }
}
