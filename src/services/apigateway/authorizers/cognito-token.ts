/**
 * COGNITO_USER_POOLS authorizers. Stratus has no Cognito, so the token is read, not verified:
 * the JWT's signature is NOT checked (LIMITATIONS.md). What is checked is what API Gateway checks
 * besides the signature: the token is a JWT, unexpired on the server's clock, issued by one of
 * the authorizer's user pools (`iss` = https://cognito-idp.{region}.amazonaws.com/{poolId}); an ID
 * token when the method names no OAuth scopes, else an access token holding one of them; and,
 * with an identityValidationExpression, an `aud` matching it. Anything else is 401.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
 */
import type { AuthorizerRecord } from "../types.js";
import { substituteStageVariables } from "./authorizer-uri.js";
import { javaDate } from "./java-date.js";
import { fullMatch } from "./validation-expression.js";

const POOL_ARN = /^arn:aws[a-zA-Z-]*:cognito-idp:([a-z0-9-]+):\d{12}:userpool\/([\w-]+_[0-9a-zA-Z]+)$/;

/** Claims as API Gateway hands them on: every value a string. */
export type Claims = Record<string, string>;

export type CognitoOutcome = { claims: Claims } | { rejected: string };

export function readCognitoToken(header: string, authorizer: AuthorizerRecord, scopes: string[] | undefined, stageVariables: Record<string, string>, now: number): CognitoOutcome {
  // Clients send the token bare or as "Bearer <token>"; API Gateway accepts both.
  const token = header.replace(/^Bearer\s+/i, "").trim();
  const payload = jwtPayload(token);
  if (!payload) return { rejected: "the token is not a JWT" };
  if (typeof payload.exp !== "number" || payload.exp * 1000 <= now) return { rejected: "the token has expired or has no exp" };
  const issuers = (authorizer.providerARNs ?? []).map((arn) => issuerOf(substituteStageVariables(arn, stageVariables))).filter((i): i is string => i !== undefined);
  if (typeof payload.iss !== "string" || !issuers.includes(payload.iss)) return { rejected: `the issuer ${String(payload.iss)} is not one of the authorizer's user pools` };
  if (scopes && scopes.length > 0) {
    if (payload.token_use !== "access") return { rejected: "the method has OAuth scopes: an access token is required" };
    const held = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
    if (!scopes.some((s) => held.includes(s))) return { rejected: "the access token holds none of the method's scopes" };
  } else if (payload.token_use !== "id") {
    return { rejected: "the method has no OAuth scopes: an ID token is required" };
  }
  if (authorizer.identityValidationExpression) {
    const aud = typeof payload.aud === "string" ? payload.aud : typeof payload.client_id === "string" ? payload.client_id : "";
    if (!fullMatch(authorizer.identityValidationExpression, aud)) return { rejected: "aud does not match the identityValidationExpression" };
  }
  return { claims: stringClaims(payload) };
}

/** https://cognito-idp.{region}.amazonaws.com/{poolId} for a user pool ARN. */
export function issuerOf(poolArn: string): string | undefined {
  const m = POOL_ARN.exec(poolArn);
  return m ? `https://cognito-idp.${m[1]}.amazonaws.com/${m[2]}` : undefined;
}

export function isUserPoolArn(arn: string): boolean {
  return POOL_ARN.test(arn) || /\$\{stageVariables\.[A-Za-z0-9_]+\}/.test(arn);
}

function jwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
    const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    if (!isObject(header) || !isObject(payload)) return undefined;
    return payload;
  } catch {
    return undefined;
  }
}

/**
 * Claims the way a REST API hands them to the integration: strings throughout, `exp` and `iat`
 * as Java writes a date (`Fri Jul 29 18:52:53 UTC 2016`), lists as `[a b]`.
 */
function stringClaims(payload: Record<string, unknown>): Claims {
  const out: Claims = {};
  for (const [k, v] of Object.entries(payload)) {
    if (v === null || v === undefined) continue;
    if ((k === "exp" || k === "iat") && typeof v === "number") out[k] = javaDate(v * 1000);
    else if (Array.isArray(v)) out[k] = `[${v.map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))).join(" ")}]`;
    else out[k] = typeof v === "object" ? JSON.stringify(v) : String(v);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
