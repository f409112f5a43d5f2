/**
 * GetExport's document: the stage's deployment (the snapshot of resources, models, validators,
 * authorizers and gateway responses CreateDeployment took) as OpenAPI 3.0.1 or Swagger 2.0,
 * addressed at https://{restApiId}.execute-api.{region}.amazonaws.com/{stage} the way AWS
 * writes it: a `basePath` server variable in OpenAPI 3, host + basePath in Swagger. The API's
 * name, description and version come from the API itself. x-amazon-apigateway-* extensions
 * appear only when asked for.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html
 */
import type { DeploymentRecord, MethodRecord, RestApiRecord } from "../types.js";
import { exportOperation, type OperationContext } from "./export-method.js";
import { isoSeconds } from "./export-format.js";
import type { ExportExtensions, ExportKind } from "./export-options.js";
import { securitySchemes } from "./export-security.js";
import { isEmpty, isObject, type JsonObject } from "./json-value.js";
import { mapRefs, modelNameOf } from "./refs.js";

const METHOD_KEYS: Record<string, string> = { GET: "get", POST: "post", PUT: "put", PATCH: "patch", DELETE: "delete", HEAD: "head", OPTIONS: "options", ANY: "x-amazon-apigateway-any-method" };
const ORDER = Object.keys(METHOD_KEYS);

export interface ExportInput {
  api: RestApiRecord;
  deployment: DeploymentRecord;
  stageName: string;
  kind: ExportKind;
  ext: ExportExtensions;
}

export function exportDocument({ api, deployment, stageName, kind, ext }: ExportInput): JsonObject {
  const oas = kind === "oas30";
  const ctx: OperationContext = { kind, ext, authorizers: deployment.authorizers ?? {}, validators: deployment.requestValidators ?? {} };
  const paths: JsonObject = {};
  const methods: MethodRecord[] = [];
  for (const r of Object.values(deployment.resources).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const verbs = Object.keys(r.methods).filter((v) => METHOD_KEYS[v]).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
    if (verbs.length === 0) continue;
    paths[r.path] = Object.fromEntries(verbs.map((v) => [METHOD_KEYS[v], exportOperation(r.methods[v], ctx)]));
    methods.push(...verbs.map((v) => r.methods[v]));
  }
  const schemas = exportModels(deployment, oas ? "#/components/schemas/" : "#/definitions/");
  const security = securitySchemes(Object.values(deployment.authorizers ?? {}), methods, ext.authorizers);
  const info = { title: api.name, ...(api.description ? { description: api.description } : {}), version: api.version ?? isoSeconds(deployment.createdDate) };
  const endpoint = ext.apigateway ? endpointConfiguration(api) : undefined;
  const head: JsonObject = oas
    ? {
        openapi: "3.0.1",
        info,
        servers: [{ url: `https://${api.id}.execute-api.${api.region}.amazonaws.com/{basePath}`, variables: { basePath: { default: stageName } }, ...(endpoint ? { "x-amazon-apigateway-endpoint-configuration": endpoint } : {}) }],
      }
    : { swagger: "2.0", info, host: `${api.id}.execute-api.${api.region}.amazonaws.com`, basePath: `/${stageName}`, schemes: ["https"] };
  return {
    ...head,
    paths,
    ...(oas
      ? { components: { ...(!isEmpty(schemas) ? { schemas } : {}), ...(!isEmpty(security) ? { securitySchemes: security } : {}) } }
      : { ...(!isEmpty(security) ? { securityDefinitions: security } : {}), ...(!isEmpty(schemas) ? { definitions: schemas } : {}) }),
    ...(ext.apigateway ? apiExtensions(api, deployment, !oas && endpoint ? endpoint : undefined) : {}),
  };
}

/** Stored schemas with their canonical model URLs turned back into local `$ref`s. */
function exportModels(d: DeploymentRecord, prefix: string): JsonObject {
  const out: JsonObject = {};
  for (const m of Object.values(d.models ?? {}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    let schema: unknown = {};
    try {
      schema = JSON.parse(m.schema ?? "{}");
    } catch {
      schema = {};
    }
    out[m.name] = isObject(schema) ? mapRefs(schema, (ref) => {
      const name = modelNameOf(ref, prefix);
      return name === undefined ? ref : `${prefix}${name}`;
    }, []) : {};
  }
  return out;
}

function endpointConfiguration(api: RestApiRecord): JsonObject | undefined {
  const vpce = api.endpointConfiguration.vpcEndpointIds ?? [];
  if (!api.disableExecuteApiEndpoint && vpce.length === 0) return undefined;
  return { ...(api.disableExecuteApiEndpoint ? { disableExecuteApiEndpoint: true } : {}), ...(vpce.length > 0 ? { vpcEndpointIds: vpce } : {}) };
}

/** The API-level x-amazon-apigateway-* extensions (extensions=apigateway). */
function apiExtensions(api: RestApiRecord, d: DeploymentRecord, swaggerEndpoint: JsonObject | undefined): JsonObject {
  const validators = Object.values(d.requestValidators ?? {});
  const responses = Object.values(d.gatewayResponses ?? {});
  let policy: unknown;
  try {
    policy = api.policy ? JSON.parse(api.policy) : undefined;
  } catch {
    policy = api.policy;
  }
  return {
    ...(swaggerEndpoint ? { "x-amazon-apigateway-endpoint-configuration": swaggerEndpoint } : {}),
    ...(validators.length > 0 ? { "x-amazon-apigateway-request-validators": Object.fromEntries(validators.map((v) => [v.name, { validateRequestBody: v.validateRequestBody, validateRequestParameters: v.validateRequestParameters }])) } : {}),
    ...(responses.length > 0
      ? {
          "x-amazon-apigateway-gateway-responses": Object.fromEntries(
            responses.map((r) => [r.responseType, { ...(r.statusCode ? { statusCode: r.statusCode } : {}), ...(!isEmpty(r.responseParameters) ? { responseParameters: r.responseParameters } : {}), ...(!isEmpty(r.responseTemplates) ? { responseTemplates: r.responseTemplates } : {}) }]),
          ),
        }
      : {}),
    ...(policy !== undefined ? { "x-amazon-apigateway-policy": policy } : {}),
    ...(d.apiKeySource === "AUTHORIZER" ? { "x-amazon-apigateway-api-key-source": "AUTHORIZER" } : {}),
    ...(api.minimumCompressionSize !== undefined ? { "x-amazon-apigateway-minimum-compression-size": api.minimumCompressionSize } : {}),
    ...((d.binaryMediaTypes ?? []).length > 0 ? { "x-amazon-apigateway-binary-media-types": d.binaryMediaTypes } : {}),
  };
}
