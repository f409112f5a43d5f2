/** What API Gateway keeps about a REST API: one JSON document with its resource tree. */

export interface IntegrationRecord {
  type: string;
  httpMethod?: string;
  uri?: string;
  connectionType?: string;
  credentials?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  passthroughBehavior?: string;
  contentHandling?: string;
  timeoutInMillis: number;
  cacheNamespace: string;
  cacheKeyParameters: string[];
  /** By status code (PutIntegrationResponse). */
  integrationResponses?: Record<string, IntegrationResponseRecord>;
}

/** How an integration's answer becomes the method's: chosen by selectionPattern. */
export interface IntegrationResponseRecord {
  statusCode: string;
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  contentHandling?: string;
}

export interface MethodResponseRecord {
  statusCode: string;
  responseParameters?: Record<string, boolean>;
  responseModels?: Record<string, string>;
}

export interface MethodRecord {
  httpMethod: string;
  authorizationType: string;
  authorizerId?: string;
  apiKeyRequired: boolean;
  requestValidatorId?: string;
  operationName?: string;
  requestParameters?: Record<string, boolean>;
  requestModels?: Record<string, string>;
  authorizationScopes?: string[];
  methodIntegration?: IntegrationRecord;
  /** By status code (PutMethodResponse). */
  methodResponses?: Record<string, MethodResponseRecord>;
}

export interface ResourceRecord {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  methods: Record<string, MethodRecord>;
}

export interface RestApiRecord {
  id: string;
  accountId: string;
  region: string;
  name: string;
  description?: string;
  version?: string;
  /** Epoch milliseconds. */
  createdDate: number;
  binaryMediaTypes: string[];
  minimumCompressionSize?: number;
  apiKeySource: string;
  endpointConfiguration: { types: string[]; vpcEndpointIds?: string[] };
  policy?: string;
  tags: Record<string, string>;
  disableExecuteApiEndpoint: boolean;
  rootResourceId: string;
  resources: Record<string, ResourceRecord>;
  deployments?: Record<string, DeploymentRecord>;
  stages?: Record<string, StageRecord>;
  /** By name. */
  models?: Record<string, ModelRecord>;
  /** By id. */
  requestValidators?: Record<string, RequestValidatorRecord>;
  /** By id. */
  authorizers?: Record<string, AuthorizerRecord>;
  /** Customised gateway responses, by responseType (DEFAULT_4XX, THROTTLED, …). */
  gatewayResponses?: Record<string, GatewayResponseRecord>;
}

export interface ModelRecord {
  id: string;
  name: string;
  description?: string;
  /** JSON Schema draft 4, as text. */
  schema?: string;
  contentType: string;
}

export interface RequestValidatorRecord {
  id: string;
  name: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}

/** A Lambda (TOKEN or REQUEST) or Cognito authorizer. */
export interface AuthorizerRecord {
  id: string;
  name: string;
  type: "TOKEN" | "REQUEST" | "COGNITO_USER_POOLS";
  providerARNs?: string[];
  authType?: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  /** e.g. "method.request.header.Authorization"; comma-separated for REQUEST. */
  identitySource?: string;
  identityValidationExpression?: string;
  /** 0 disables caching; AWS's default is 300. */
  authorizerResultTtlInSeconds: number;
}

export interface GatewayResponseRecord {
  responseType: string;
  statusCode?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
}

/**
 * A snapshot of what a call to the API uses, as deployed: the resources with their methods and
 * integrations, and the API-wide settings they refer to. Older records hold `resources` only.
 */
export interface DeploymentRecord {
  id: string;
  description?: string;
  createdDate: number;
  resources: Record<string, ResourceRecord>;
  models?: Record<string, ModelRecord>;
  requestValidators?: Record<string, RequestValidatorRecord>;
  authorizers?: Record<string, AuthorizerRecord>;
  gatewayResponses?: Record<string, GatewayResponseRecord>;
  binaryMediaTypes?: string[];
  apiKeySource?: string;
}

/** Throttling and caching for one method of a stage ("resourcePath/HTTPMETHOD" or "*\/*"). */
export interface MethodSettingRecord {
  metricsEnabled: boolean;
  loggingLevel: string;
  dataTraceEnabled: boolean;
  /** Requests per second; -1 means "not set" (the stage's or account's limit applies). */
  throttlingBurstLimit: number;
  throttlingRateLimit: number;
  cachingEnabled: boolean;
  /** Seconds; AWS's default 300, at most 3600. */
  cacheTtlInSeconds: number;
  cacheDataEncrypted: boolean;
  requireAuthorizationForCacheControl: boolean;
  unauthorizedCacheControlHeaderStrategy: string;
}

export interface StageRecord {
  stageName: string;
  deploymentId: string;
  description?: string;
  cacheClusterEnabled: boolean;
  cacheClusterSize?: string;
  variables: Record<string, string>;
  tracingEnabled: boolean;
  tags: Record<string, string>;
  /** Keyed as AWS reports them: "*\/*" for the stage's defaults, "pets/{id}/GET" for one method. */
  methodSettings?: Record<string, MethodSettingRecord>;
  createdDate: number;
  lastUpdatedDate: number;
}
