/**
 * One call to a deployed API as it moves through the data plane: what routing found, the raw
 * request, and what the steps before the integration added (the authorizer's outcome). Steps
 * that refuse a call return a Refusal, answered as the API's gateway response of that type.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
import type { DeploymentRecord, MethodRecord, ResourceRecord, RestApiRecord, StageRecord } from "../types.js";
import type { IncomingCall } from "./proxy-event.js";

export interface ApiCall {
  api: RestApiRecord;
  stage: StageRecord;
  deployment: DeploymentRecord;
  resource: ResourceRecord;
  method: MethodRecord;
  pathParameters: Record<string, string>;
  request: IncomingCall;
  /** Set by a Lambda or Cognito authorizer that allowed the call. */
  authorizer?: AuthorizerOutcome;
  /** The API key the usage gate admitted ($context.identity.apiKey, apiKeyId). */
  apiKey?: { id: string; value: string };
}

export interface AuthorizerOutcome {
  principalId?: string;
  /** The Lambda authorizer's `context` (string, number and boolean values only). */
  context: Record<string, string | number | boolean>;
  /** The API key an authorizer supplies when the API's apiKeySource is AUTHORIZER. */
  usageIdentifierKey?: string;
  /** Cognito user pool claims. */
  claims?: Record<string, unknown>;
  /** How long the authorizer took ($context.authorizer.integrationLatency). */
  latencyMs?: number;
}

export type GatewayResponseType =
  | "ACCESS_DENIED"
  | "API_CONFIGURATION_ERROR"
  | "AUTHORIZER_CONFIGURATION_ERROR"
  | "AUTHORIZER_FAILURE"
  | "BAD_REQUEST_PARAMETERS"
  | "BAD_REQUEST_BODY"
  | "DEFAULT_4XX"
  | "DEFAULT_5XX"
  | "EXPIRED_TOKEN"
  | "INTEGRATION_FAILURE"
  | "INTEGRATION_TIMEOUT"
  | "INVALID_API_KEY"
  | "INVALID_SIGNATURE"
  | "MISSING_AUTHENTICATION_TOKEN"
  | "QUOTA_EXCEEDED"
  | "REQUEST_TOO_LARGE"
  | "RESOURCE_NOT_FOUND"
  | "THROTTLED"
  | "UNAUTHORIZED"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "WAF_FILTERED";

/** Why a call is refused: the gateway response type, and a message when not the type's default. */
export interface Refusal {
  type: GatewayResponseType;
  message?: string;
}
