/**
 * Lambda (TOKEN, REQUEST) and Cognito authorizers on the data plane: a method whose
 * authorizationType is CUSTOM or COGNITO_USER_POOLS runs the deployment's authorizer before
 * request validation and the integration. Outcomes, as API Gateway answers them:
 * - identity missing or empty, or the token not matching identityValidationExpression: 401
 *   UNAUTHORIZED, function not called;
 * - the function fails with "Unauthorized": 401; fails otherwise or answers something unusable:
 *   500 AUTHORIZER_CONFIGURATION_ERROR (`{"message": null}`);
 * - its policy denies the method ARN: 403 ACCESS_DENIED ("…with an explicit deny" for a Deny,
 *   "User is not authorized to access this resource" when nothing allows it);
 * - it allows: call.authorizer carries principalId, context and usageIdentifierKey onwards.
 * Valid answers are cached per identity for authorizerResultTtlInSeconds (result-cache.ts).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 * https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer
 */
import type { Clock } from "../../../core/clock.js";
import type { Logger } from "../../../core/logger.js";
import type { ServiceClients } from "../../../core/clients.js";
import type { ServiceDeps } from "../../../core/service.js";
import type { ApiCall, Refusal } from "../invoke/api-call.js";
import type { AuthorizerRecord, RestApiRecord } from "../types.js";
import type { LambdaAuthorizerResult } from "./authorizer-output.js";
import { readCognitoToken } from "./cognito-token.js";
import { requestIdentity, splitSources, tokenValue } from "./identity-sources.js";
import { invokeAuthorizer, requestEvent, tokenEvent } from "./lambda-authorizer.js";
import { methodArn } from "./method-arn.js";
import { evaluatePolicy } from "./policy.js";
import { AuthorizerResultCache } from "./result-cache.js";
import { testInvoke, type TestInvokeInput, type TestInvokeOutput } from "./test-invoke.js";
import { fullMatch } from "./validation-expression.js";

export const EXPLICIT_DENY = "User is not authorized to access this resource with an explicit deny";
export const IMPLICIT_DENY = "User is not authorized to access this resource";

export class AuthorizerGate {
  private readonly cache: AuthorizerResultCache;
  private readonly clients: ServiceClients;
  private readonly logger: Logger;
  private readonly clock: Clock;

  constructor(deps: ServiceDeps) {
    this.cache = new AuthorizerResultCache(deps.clock);
    this.clients = deps.clients;
    this.logger = deps.logger;
    this.clock = deps.clock;
  }

  reset(): void {
    this.cache.clear();
  }

  /** FlushStageAuthorizersCache: forgets the stage's cached authorizer answers. */
  flushStage(apiId: string, stageName: string): void {
    this.cache.clearPrefix(JSON.stringify([apiId, stageName]).slice(0, -1) + ",");
  }

  /** TestInvokeAuthorizer (test-invoke.ts), with this server's Lambda client and clock. */
  testInvoke(api: RestApiRecord, authorizer: AuthorizerRecord, input: TestInvokeInput): Promise<TestInvokeOutput> {
    return testInvoke(api, authorizer, input, { clients: this.clients, clock: this.clock });
  }

  /** Runs the method's authorizer; on success sets call.authorizer. */
  /** Whether the method has an authorizer to run (authorize would answer undefined otherwise). */
  applies(call: ApiCall): boolean {
    const type = call.method.authorizationType;
    return type === "AWS_IAM" || type === "CUSTOM" || type === "COGNITO_USER_POOLS";
  }

  async authorize(call: ApiCall): Promise<Refusal | undefined> {
    const { authorizationType, authorizerId } = call.method;
    // AWS_IAM: Stratus has no IAM to evaluate, but an unsigned call is refused as AWS refuses it.
    if (authorizationType === "AWS_IAM") return isSigned(call) ? undefined : { type: "MISSING_AUTHENTICATION_TOKEN" };
    if (authorizationType !== "CUSTOM" && authorizationType !== "COGNITO_USER_POOLS") return undefined;
    const authorizer = authorizerId ? call.deployment.authorizers?.[authorizerId] : undefined;
    if (!authorizer) return this.failure(call, `the deployment has no authorizer ${authorizerId ?? "(none)"}`);
    if (authorizer.type === "COGNITO_USER_POOLS") return this.cognito(call, authorizer);
    return this.lambda(call, authorizer);
  }

  private cognito(call: ApiCall, authorizer: AuthorizerRecord): Refusal | undefined {
    const token = tokenValue(authorizer.identitySource, call);
    if (token === undefined) return { type: "UNAUTHORIZED" };
    const outcome = readCognitoToken(token, authorizer, call.method.authorizationScopes, call.stage.variables, this.clock.now());
    if ("rejected" in outcome) {
      this.logger.debug(`apigateway: ${call.api.id} authorizer ${authorizer.id}: ${outcome.rejected}`);
      return { type: "UNAUTHORIZED" };
    }
    call.authorizer = { claims: outcome.claims, context: {} };
    return undefined;
  }

  private async lambda(call: ApiCall, authorizer: AuthorizerRecord): Promise<Refusal | undefined> {
    let identity: string[];
    let event: unknown;
    const arn = methodArn(call);
    if (authorizer.type === "TOKEN") {
      const token = tokenValue(authorizer.identitySource, call);
      if (token === undefined) return { type: "UNAUTHORIZED" };
      if (authorizer.identityValidationExpression && !fullMatch(authorizer.identityValidationExpression, token)) return { type: "UNAUTHORIZED" };
      identity = [token];
      event = tokenEvent(token, arn);
    } else {
      const values = requestIdentity(authorizer.identitySource, call);
      if (values === undefined) return { type: "UNAUTHORIZED" };
      identity = values;
      event = requestEvent(call, arn);
    }
    // A REQUEST authorizer without identity sources has nothing to key a cache on: never cached.
    const cacheable = authorizer.authorizerResultTtlInSeconds > 0 && (authorizer.type === "TOKEN" || splitSources(authorizer.identitySource).length > 0);
    const key = JSON.stringify([call.api.id, call.stage.stageName, call.deployment.id, authorizer.id, identity]);
    let result: LambdaAuthorizerResult | undefined = cacheable ? this.cache.get(key) : undefined;
    let latencyMs = 0;
    if (!result) {
      const outcome = await invokeAuthorizer(authorizer, event, { accountId: call.api.accountId, region: call.api.region, stageVariables: call.stage.variables }, this.clients);
      if (outcome.kind === "unauthorized") return { type: "UNAUTHORIZED" };
      if (outcome.kind === "failure") return this.failure(call, outcome.why);
      result = outcome.result;
      latencyMs = outcome.latencyMs;
      if (cacheable) this.cache.put(key, result, authorizer.authorizerResultTtlInSeconds);
    }
    const decision = evaluatePolicy(result.statements, arn);
    if (decision === "EXPLICIT_DENY") return { type: "ACCESS_DENIED", message: EXPLICIT_DENY };
    if (decision === "IMPLICIT_DENY") return { type: "ACCESS_DENIED", message: IMPLICIT_DENY };
    call.authorizer = {
      ...(result.principalId !== undefined ? { principalId: result.principalId } : {}),
      context: { ...result.context },
      ...(result.usageIdentifierKey !== undefined ? { usageIdentifierKey: result.usageIdentifierKey } : {}),
      latencyMs,
    };
    return undefined;
  }

  private failure(call: ApiCall, why: string): Refusal {
    this.logger.warn(`apigateway: ${call.api.id} ${call.request.method} ${call.resource.path}: authorizer configuration error: ${why}`);
    return { type: "AUTHORIZER_CONFIGURATION_ERROR" };
  }
}

/** Whether a call carries a SigV4 signature, in its Authorization header or its query string. */
function isSigned(call: ApiCall): boolean {
  const auth = call.request.headers.find(([k]) => k.toLowerCase() === "authorization")?.[1] ?? "";
  return auth.startsWith("AWS4-HMAC-SHA256 ") || call.request.query.has("X-Amz-Signature");
}
