/**
 * Security schemes (components.securitySchemes / securityDefinitions) and the `security` of each
 * operation. A scheme with x-amazon-apigateway-authorizer is a Lambda (TOKEN, REQUEST) or
 * Cognito authorizer; x-amazon-apigateway-authtype "awsSigv4" means IAM; any other `apiKey`
 * scheme means "an API key is required". Other scheme types (http, oauth2, openIdConnect) are
 * not supported by API Gateway and are skipped with AWS's warning. A bad authorizer is an import
 * error worded as CreateAuthorizer words it (authorizers/authorizer-config.ts).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html
 */
import type { AuthorizerDraft, MethodDraft } from "./definition.js";
import { isObject, numberAt, objectAt, stringAt, stringListAt, type JsonObject } from "./json-value.js";
import type { ReadContext } from "./read-context.js";

export interface SecuritySchemes {
  apiKeys: Set<string>;
  iam: Set<string>;
  authorizers: Map<string, AuthorizerDraft>;
}

const AUTHORIZER_TYPES: Record<string, AuthorizerDraft["type"]> = { token: "TOKEN", request: "REQUEST", cognito_user_pools: "COGNITO_USER_POOLS" };

export function readSecuritySchemes(ctx: ReadContext): SecuritySchemes {
  const schemes: SecuritySchemes = { apiKeys: new Set(), iam: new Set(), authorizers: new Map() };
  const defs = ctx.kind === "oas3" ? objectAt(objectAt(ctx.doc.components)?.securitySchemes) : objectAt(ctx.doc.securityDefinitions);
  for (const [name, raw] of Object.entries(defs ?? {})) {
    if (!isObject(raw)) continue;
    const authType = stringAt(raw["x-amazon-apigateway-authtype"]);
    const authorizer = raw["x-amazon-apigateway-authorizer"];
    if (authorizer !== undefined) {
      const draft = readAuthorizer(ctx, name, raw, authorizer, authType);
      if (draft) schemes.authorizers.set(name, draft);
    } else if (authType?.toLowerCase() === "awssigv4") schemes.iam.add(name);
    else if (raw.type === "apiKey") schemes.apiKeys.add(name);
    else ctx.report.warn(`Unsupported security definition type '${stringAt(raw.type) ?? "null"}' for '${name}'. Ignoring.`);
  }
  return schemes;
}

function readAuthorizer(ctx: ReadContext, name: string, scheme: JsonObject, raw: unknown, authType: string | undefined): AuthorizerDraft | undefined {
  const fail = (why: string) => {
    ctx.report.error(`Unable to create authorizer '${name}': ${why}`);
    return undefined;
  };
  if (!isObject(raw)) return fail("Invalid authorizer definition");
  const typeName = stringAt(raw.type);
  const type = typeName === undefined ? undefined : AUTHORIZER_TYPES[typeName.toLowerCase()];
  if (!type) return fail(`Invalid authorizer type specified: ${typeName ?? "null"}. Valid options are token, request, cognito_user_pools`);
  const ttl = raw.authorizerResultTtlInSeconds === undefined ? 300 : numberAt(raw.authorizerResultTtlInSeconds);
  if (ttl === undefined || !Number.isInteger(ttl) || ttl < 0 || ttl > 3600) return fail(`Invalid authorizer result TTL specified: ${String(raw.authorizerResultTtlInSeconds)}. Must be between 0 and 3600`);
  // The scheme's header names the token for TOKEN and Cognito authorizers when identitySource is not given.
  const header = scheme.in === "header" ? stringAt(scheme.name) : undefined;
  const identitySource = stringAt(raw.identitySource) ?? (type !== "REQUEST" && header ? `method.request.header.${header}` : undefined);
  const draft: AuthorizerDraft = {
    name,
    type,
    authType: authType ?? (type === "COGNITO_USER_POOLS" ? "cognito_user_pools" : "custom"),
    authorizerResultTtlInSeconds: ttl,
    ...(identitySource ? { identitySource } : {}),
    ...(stringAt(raw.identityValidationExpression) ? { identityValidationExpression: stringAt(raw.identityValidationExpression) } : {}),
    ...(stringAt(raw.authorizerCredentials) ? { authorizerCredentials: stringAt(raw.authorizerCredentials) } : {}),
  };
  if (type === "COGNITO_USER_POOLS") {
    const arns = stringListAt(raw.providerARNs);
    if (!arns || arns.length === 0) return fail("Provider ARNs must be specified for COGNITO_USER_POOLS authorizers");
    const bad = arns.find((a) => !/^arn:aws[a-zA-Z-]*:cognito-idp:[^:]+:\d{12}:userpool\/.+$/.test(a));
    if (bad) return fail(`Invalid provider ARN specified: ${bad}`);
    draft.providerARNs = arns;
    return draft;
  }
  const uri = stringAt(raw.authorizerUri);
  if (!uri || !/^arn:aws[a-zA-Z-]*:apigateway:[^:]+:lambda:path\/.+\/functions\/.+\/invocations$/.test(uri)) {
    return fail(`Invalid Authorizer URI: ${uri ?? "null"}. Authorizer URI should be a valid API Gateway ARN that represents a Lambda function invocation.`);
  }
  draft.authorizerUri = uri;
  if (type === "TOKEN" && !/^method\.request\.header\.[a-zA-Z0-9._-]+$/.test(identitySource ?? "")) {
    return fail(`Invalid token source expression: ${identitySource ?? "null"}. The source must be a method request header, matching 'method.request.header.[a-zA-Z0-9._-]+'`);
  }
  if (type === "REQUEST" && identitySource === undefined && ttl > 0) return fail("Identity source must be set if authorizer caching is enabled (TTL is greater than 0)");
  return draft;
}

type MethodAuth = Pick<MethodDraft, "authorizationType" | "authorizerName" | "authorizationScopes" | "apiKeyRequired">;

/**
 * How one operation is protected: its own `security`, else the document's. Each requirement
 * is honoured: an API key scheme anywhere makes the key required, the first authorizer (or IAM)
 * found sets the authorization type. Swagger's legacy x-amazon-apigateway-auth is read too.
 */
export function methodAuth(schemes: SecuritySchemes, op: JsonObject, rootSecurity: unknown): MethodAuth {
  const auth: MethodAuth = { authorizationType: "NONE", apiKeyRequired: false };
  const legacy = objectAt(op["x-amazon-apigateway-auth"]);
  if (stringAt(legacy?.type)?.toLowerCase() === "aws_iam") auth.authorizationType = "AWS_IAM";
  const security = op.security !== undefined ? op.security : rootSecurity;
  if (!Array.isArray(security)) return auth;
  for (const requirement of security) {
    if (!isObject(requirement)) continue;
    for (const [name, scopes] of Object.entries(requirement)) {
      if (schemes.apiKeys.has(name)) auth.apiKeyRequired = true;
      else if (schemes.iam.has(name) && auth.authorizationType === "NONE") auth.authorizationType = "AWS_IAM";
      else if (schemes.authorizers.has(name) && auth.authorizerName === undefined) {
        const a = schemes.authorizers.get(name)!;
        auth.authorizationType = a.type === "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM";
        auth.authorizerName = name;
        const list = stringListAt(scopes);
        if (a.type === "COGNITO_USER_POOLS" && list && list.length > 0) auth.authorizationScopes = list;
      }
    }
  }
  return auth;
}
