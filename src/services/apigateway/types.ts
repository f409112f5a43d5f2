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
}

/** A snapshot of the API's resources, methods and integrations, as deployed. */
export interface DeploymentRecord {
  id: string;
  description?: string;
  createdDate: number;
  resources: Record<string, ResourceRecord>;
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
  createdDate: number;
  lastUpdatedDate: number;
}
