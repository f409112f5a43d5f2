/**
 * Security on export: the `api_key` scheme AWS writes for methods that need an API key, a
 * `sigv4` scheme for IAM, and one scheme per authorizer (an apiKey scheme on the header it
 * reads; with the authorizers extension, x-amazon-apigateway-authtype and
 * x-amazon-apigateway-authorizer too). Each method lists what protects it.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 */
import type { AuthorizerRecord, MethodRecord } from "../types.js";
import type { JsonObject } from "./json-value.js";

export const API_KEY_SCHEME = "api_key";
export const SIGV4_SCHEME = "sigv4";

export function securitySchemes(authorizers: AuthorizerRecord[], methods: MethodRecord[], withAuthorizers: boolean): JsonObject {
  const schemes: JsonObject = {};
  if (methods.some((m) => m.apiKeyRequired)) schemes[API_KEY_SCHEME] = { type: "apiKey", name: "x-api-key", in: "header" };
  if (methods.some((m) => m.authorizationType === "AWS_IAM")) schemes[SIGV4_SCHEME] = { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" };
  for (const a of authorizers) schemes[a.name] = authorizerScheme(a, withAuthorizers);
  return schemes;
}

function authorizerScheme(a: AuthorizerRecord, withExtension: boolean): JsonObject {
  const header = a.type === "REQUEST" ? "Unused" : (/^method\.request\.header\.(.+)$/.exec(a.identitySource ?? "")?.[1] ?? "Authorization");
  const scheme: JsonObject = { type: "apiKey", name: header, in: "header" };
  if (!withExtension) return scheme;
  scheme["x-amazon-apigateway-authtype"] = a.authType ?? (a.type === "COGNITO_USER_POOLS" ? "cognito_user_pools" : "custom");
  scheme["x-amazon-apigateway-authorizer"] = {
    ...(a.type === "COGNITO_USER_POOLS" ? { providerARNs: a.providerARNs ?? [] } : {}),
    ...(a.authorizerUri ? { authorizerUri: a.authorizerUri } : {}),
    ...(a.authorizerCredentials ? { authorizerCredentials: a.authorizerCredentials } : {}),
    authorizerResultTtlInSeconds: a.authorizerResultTtlInSeconds,
    ...(a.type === "REQUEST" && a.identitySource ? { identitySource: a.identitySource } : {}),
    ...(a.identityValidationExpression ? { identityValidationExpression: a.identityValidationExpression } : {}),
    type: a.type.toLowerCase(),
  };
  return scheme;
}

/** A method's `security`: one requirement per protection, as AWS exports them. */
export function methodSecurity(m: MethodRecord, authorizers: Record<string, AuthorizerRecord>): JsonObject[] {
  const out: JsonObject[] = [];
  const authorizer = m.authorizerId ? authorizers[m.authorizerId] : undefined;
  if ((m.authorizationType === "CUSTOM" || m.authorizationType === "COGNITO_USER_POOLS") && authorizer) out.push({ [authorizer.name]: m.authorizationScopes ?? [] });
  if (m.authorizationType === "AWS_IAM") out.push({ [SIGV4_SCHEME]: [] });
  if (m.apiKeyRequired) out.push({ [API_KEY_SCHEME]: [] });
  return out;
}
