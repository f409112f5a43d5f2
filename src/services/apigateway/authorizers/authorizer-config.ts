/**
 * What CreateAuthorizer and UpdateAuthorizer accept. The same checks run on a new authorizer and
 * on one after its patches, so an update cannot leave an authorizer that a create would refuse.
 * Messages are AWS's where they are known (LIMITATIONS.md lists the ones that are not).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
 */
import { ApiGatewayErrors } from "../errors.js";
import type { AuthorizerRecord } from "../types.js";
import { isLambdaAuthorizerUri } from "./authorizer-uri.js";
import { isUserPoolArn } from "./cognito-token.js";
import { parseRequestSource, splitSources, tokenHeader } from "./identity-sources.js";
import { isValidExpression } from "./validation-expression.js";

export const AUTHORIZER_TYPES = ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"] as const;
export type AuthorizerType = (typeof AUTHORIZER_TYPES)[number];

/** AWS's default authorizerResultTtlInSeconds, and its maximum (one hour). */
export const DEFAULT_TTL = 300;
export const MAX_TTL = 3600;

/** A COGNITO_USER_POOLS authorizer takes at most 1,000 user pools. */
const MAX_PROVIDERS = 1000;

export function isAuthorizerType(t: unknown): t is AuthorizerType {
  return typeof t === "string" && (AUTHORIZER_TYPES as readonly string[]).includes(t);
}

export function checkType(t: unknown): AuthorizerType {
  if (!isAuthorizerType(t)) throw ApiGatewayErrors.badRequest(`Invalid authorizer type specified: ${String(t)}. Valid options are ${AUTHORIZER_TYPES.join(",")}`);
  return t;
}

export function checkTtl(ttl: unknown): number {
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL) throw ApiGatewayErrors.badRequest(`Invalid authorizer result TTL specified: ${String(ttl)}. Must be between 0 and ${MAX_TTL}`);
  return ttl;
}

/** Checks a whole authorizer: type, name, URI, identity sources, expression, TTL, user pools. */
export function checkAuthorizer(a: AuthorizerRecord): void {
  checkType(a.type);
  if (typeof a.name !== "string" || a.name.trim() === "") throw ApiGatewayErrors.badRequest("Authorizer name must be a non-empty string");
  checkTtl(a.authorizerResultTtlInSeconds);
  if (a.type === "TOKEN" || a.type === "REQUEST") {
    if (a.authorizerUri === undefined || !isLambdaAuthorizerUri(a.authorizerUri) || !/^arn:aws[a-zA-Z-]*:apigateway:[a-z]{2}(?:-[a-z]+)+-\d+:/.test(a.authorizerUri)) {
      // https://github.com/hashicorp/terraform-provider-aws/pull/1757 quotes AWS's message.
      throw ApiGatewayErrors.badRequest(`Invalid Authorizer URI: ${a.authorizerUri ?? "null"}. Authorizer URI should be a valid API Gateway ARN that represents a Lambda function invocation.`);
    }
  }
  if (a.type === "TOKEN" || a.type === "COGNITO_USER_POOLS") {
    // AWS's message, as its console shows it for an empty token source.
    if (tokenHeader(a.identitySource) === undefined) throw ApiGatewayErrors.badRequest(`Invalid token source expression: ${a.identitySource ?? "null"}. The source must be a method request header, matching 'method.request.header.[a-zA-Z0-9._-]+'`);
  } else {
    const sources = splitSources(a.identitySource);
    for (const expr of sources) {
      if (!parseRequestSource(expr)) throw ApiGatewayErrors.badRequest(`Invalid identity source expression: ${expr}. The source must be a method request header, query string, stage variable or context variable, matching 'method.request.header.*', 'method.request.querystring.*', 'stageVariables.*' or 'context.*'`);
    }
    if (sources.length === 0 && a.authorizerResultTtlInSeconds > 0) throw ApiGatewayErrors.badRequest("Identity source must be set if authorizer caching is enabled (TTL is greater than 0)");
  }
  if (a.identityValidationExpression !== undefined && !isValidExpression(a.identityValidationExpression)) throw ApiGatewayErrors.badRequest(`Invalid identity validation expression specified: ${a.identityValidationExpression}`);
  if (a.type === "COGNITO_USER_POOLS") {
    const pools = a.providerARNs ?? [];
    if (pools.length === 0) throw ApiGatewayErrors.badRequest("Provider ARNs must be specified for COGNITO_USER_POOLS authorizers");
    if (pools.length > MAX_PROVIDERS) throw ApiGatewayErrors.badRequest(`Too many provider ARNs specified: at most ${MAX_PROVIDERS} user pools per authorizer`);
    for (const arn of pools) if (!isUserPoolArn(arn)) throw ApiGatewayErrors.badRequest(`Invalid provider ARN specified: ${arn}`);
  }
}
