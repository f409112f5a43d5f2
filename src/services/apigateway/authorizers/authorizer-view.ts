/**
 * An Authorizer as GetAuthorizer answers it. A Cognito authorizer created without a result TTL
 * is shown without one, as in AWS's own example output (the TTL does nothing for Cognito);
 * Lambda authorizers always show theirs (300 unless set).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
 * https://docs.aws.amazon.com/cli/latest/reference/apigateway/create-authorizer.html (examples)
 */
import type { AuthorizerRecord } from "../types.js";
import { DEFAULT_TTL } from "./authorizer-config.js";

export function authorizerView(a: AuthorizerRecord) {
  const hideTtl = a.type === "COGNITO_USER_POOLS" && a.authorizerResultTtlInSeconds === DEFAULT_TTL;
  return {
    id: a.id,
    name: a.name,
    type: a.type,
    providerARNs: a.providerARNs?.length ? [...a.providerARNs] : undefined,
    authType: a.authType,
    authorizerUri: a.authorizerUri,
    authorizerCredentials: a.authorizerCredentials,
    identitySource: a.identitySource,
    identityValidationExpression: a.identityValidationExpression,
    authorizerResultTtlInSeconds: hideTtl ? undefined : a.authorizerResultTtlInSeconds,
  };
}
