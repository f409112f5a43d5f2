/**
 * Gateway responses: what API Gateway answers when it refuses or fails a call itself, by
 * type, with AWS's default status and message, unless the API customises the type (or
 * DEFAULT_4XX / DEFAULT_5XX, which then apply to the types of that class not customised).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
 */
import type { GatewayResponseRecord } from "../types.js";
import { renderTemplate } from "../vtl/index.js";
import type { ApiCall, GatewayResponseType, Refusal } from "./api-call.js";
import { parameterSource } from "./parameter-sources.js";
import { renderForCall } from "./template-input.js";

interface Default {
  status: number;
  message: string | null;
  /** x-amzn-ErrorType, as AWS sets it. */
  errorType: string;
}

export const GATEWAY_RESPONSE_DEFAULTS: Record<GatewayResponseType, Default> = {
  ACCESS_DENIED: { status: 403, message: "User is not authorized to access this resource with an explicit deny", errorType: "AccessDeniedException" },
  API_CONFIGURATION_ERROR: { status: 500, message: "Internal server error", errorType: "InternalServerErrorException" },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, message: null, errorType: "AuthorizerConfigurationException" },
  AUTHORIZER_FAILURE: { status: 500, message: null, errorType: "AuthorizerConfigurationException" },
  BAD_REQUEST_PARAMETERS: { status: 400, message: "Bad request", errorType: "BadRequestException" },
  BAD_REQUEST_BODY: { status: 400, message: "Invalid request body", errorType: "BadRequestException" },
  DEFAULT_4XX: { status: 400, message: "Bad request", errorType: "BadRequestException" },
  DEFAULT_5XX: { status: 500, message: "Internal server error", errorType: "InternalServerErrorException" },
  EXPIRED_TOKEN: { status: 403, message: "The security token included in the request is expired", errorType: "ExpiredTokenException" },
  INTEGRATION_FAILURE: { status: 504, message: "Internal server error", errorType: "InternalServerErrorException" },
  INTEGRATION_TIMEOUT: { status: 504, message: "Endpoint request timed out", errorType: "InternalServerErrorException" },
  INVALID_API_KEY: { status: 403, message: "Forbidden", errorType: "ForbiddenException" },
  INVALID_SIGNATURE: { status: 403, message: "The request signature we calculated does not match the signature you provided", errorType: "InvalidSignatureException" },
  MISSING_AUTHENTICATION_TOKEN: { status: 403, message: "Missing Authentication Token", errorType: "MissingAuthenticationTokenException" },
  QUOTA_EXCEEDED: { status: 429, message: "Limit Exceeded", errorType: "LimitExceededException" },
  REQUEST_TOO_LARGE: { status: 413, message: "Request Too Long", errorType: "RequestTooLongException" },
  RESOURCE_NOT_FOUND: { status: 404, message: "Not Found", errorType: "NotFoundException" },
  THROTTLED: { status: 429, message: "Too Many Requests", errorType: "TooManyRequestsException" },
  UNAUTHORIZED: { status: 401, message: "Unauthorized", errorType: "UnauthorizedException" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Unsupported Media Type", errorType: "UnsupportedMediaTypeException" },
  WAF_FILTERED: { status: 403, message: "Forbidden", errorType: "ForbiddenException" },
};

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

/**
 * The answer for a refusal. `call` is what is known of the call: without it (no route, so no
 * API settings either) the default answer is given.
 */
export function gatewayResponse(refusal: Refusal & { status?: number }, custom: Record<string, GatewayResponseRecord> | undefined, call?: ApiCall): HttpAnswer {
  const d = GATEWAY_RESPONSE_DEFAULTS[refusal.type];
  const message = refusal.message !== undefined ? refusal.message : d.message;
  const status = refusal.status ?? d.status;
  const chosen = custom?.[refusal.type] ?? custom?.[status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX"];
  const headers: Record<string, string | string[]> = { "content-type": "application/json", "x-amzn-errortype": d.errorType };
  // AWS writes ACCESS_DENIED's default body with a capital M: {"Message":"User is not authorized…"}
  // (https://github.com/aws/chalice/issues/971 shows the raw answer).
  const defaultBody = JSON.stringify(refusal.type === "ACCESS_DENIED" ? { Message: message } : { message });
  if (!chosen) return { status, headers, body: defaultBody };

  for (const [target, source] of Object.entries(chosen.responseParameters ?? {})) {
    const name = /^gatewayresponse\.header\.(.+)$/i.exec(target)?.[1];
    const value = name && call ? parameterSource(source, call) : name ? staticValue(source) : undefined;
    if (name && value !== undefined) headers[name.toLowerCase()] = value;
  }
  const templates = chosen.responseTemplates ?? {};
  const type = Object.keys(templates).includes("application/json") ? "application/json" : Object.keys(templates)[0];
  let body = defaultBody;
  if (type !== undefined) {
    headers["content-type"] = type;
    const error = { message, messageString: JSON.stringify(message), responseType: refusal.type, validationErrorString: refusal.message ?? "" };
    try {
      body = call ? renderForCall(templates[type], call, "", { error }).output : renderTemplate(templates[type], { body: "", context: { error } });
    } catch {
      body = defaultBody; // a broken template: AWS falls back to the default body
    }
  }
  return { status: chosen.statusCode ? Number(chosen.statusCode) : status, headers, body };
}

function staticValue(source: string): string | undefined {
  return source.length >= 2 && source.startsWith("'") && source.endsWith("'") ? source.slice(1, -1) : undefined;
}
