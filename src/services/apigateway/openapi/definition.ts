/**
 * An imported document, read into API Gateway's terms but not yet tied to an API: things refer
 * to each other by name (models, authorizers, request validators) and get their ids when the
 * definition is applied to a REST API (apply-definition.ts).
 */
import type { AuthorizerRecord, GatewayResponseRecord, IntegrationRecord, MethodResponseRecord } from "../types.js";
import type { JsonObject } from "./json-value.js";

export interface ModelDraft {
  name: string;
  description?: string;
  /** The schema as written, its `$ref`s still local (`#/components/schemas/X`, `#/definitions/X`). */
  schema: JsonObject;
}

/** An authorizer as a document declares it (the record without its id). */
export type AuthorizerDraft = Omit<AuthorizerRecord, "id">;

export interface ValidatorDraft {
  name: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}

/** An integration as the document states it; cacheNamespace defaults to the resource id later. */
export type IntegrationDraft = Omit<IntegrationRecord, "cacheNamespace"> & { cacheNamespace?: string };

export interface MethodDraft {
  httpMethod: string;
  authorizationType: string;
  authorizerName?: string;
  authorizationScopes?: string[];
  apiKeyRequired: boolean;
  operationName?: string;
  requestParameters?: Record<string, boolean>;
  /** Content type → model name. */
  requestModels?: Record<string, string>;
  requestValidatorName?: string;
  methodResponses?: Record<string, MethodResponseRecord>;
  integration?: IntegrationDraft;
}

export interface PathDraft {
  /** The resource path, base path already applied: "/", "/pets/{petId}". */
  path: string;
  methods: MethodDraft[];
}

/** API-wide settings the document sets; undefined means "the document does not say". */
export interface ApiSettingsDraft {
  name?: string;
  description?: string;
  version?: string;
  binaryMediaTypes?: string[];
  apiKeySource?: string;
  minimumCompressionSize?: number;
  policy?: string;
  disableExecuteApiEndpoint?: boolean;
  vpcEndpointIds?: string[];
  tags?: Record<string, string>;
}

export interface ImportedDefinition {
  /** Which prefix the document's model `$ref`s use. */
  modelRefPrefix: "#/components/schemas/" | "#/definitions/";
  settings: ApiSettingsDraft;
  models: ModelDraft[];
  authorizers: AuthorizerDraft[];
  requestValidators: ValidatorDraft[];
  gatewayResponses: GatewayResponseRecord[];
  paths: PathDraft[];
}
