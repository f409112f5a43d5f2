/**
 * The API-wide part of a document: info (title → name, description, version) and the
 * extensions that set REST API properties: x-amazon-apigateway-binary-media-types,
 * -api-key-source, -minimum-compression-size, -policy, -endpoint-configuration (on the first
 * server in OpenAPI 3, at the root in Swagger) and tags carrying x-amazon-apigateway-tag-value.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
 */
import type { ApiSettingsDraft } from "./definition.js";
import { booleanAt, isObject, numberAt, objectAt, stringAt, stringListAt } from "./json-value.js";
import type { ReadContext } from "./read-context.js";

export function readApiSettings(ctx: ReadContext): ApiSettingsDraft {
  const { doc, report } = ctx;
  const settings: ApiSettingsDraft = {};
  const info = objectAt(doc.info);
  if (!info) report.warn("Parse issue: attribute info is missing");
  else {
    settings.name = stringAt(info.title);
    if (settings.name === undefined) report.warn("Parse issue: attribute info.title is missing");
    settings.description = stringAt(info.description);
    settings.version = stringAt(info.version);
    if (settings.version === undefined) report.warn("Parse issue: attribute info.version is missing");
  }
  const binary = stringListAt(doc["x-amazon-apigateway-binary-media-types"]);
  if (binary) settings.binaryMediaTypes = binary;
  const keySource = doc["x-amazon-apigateway-api-key-source"];
  if (keySource !== undefined) {
    const source = stringAt(keySource)?.toUpperCase();
    if (source === "HEADER" || source === "AUTHORIZER") settings.apiKeySource = source;
    else report.error(`Invalid API Key source specified: ${stringAt(keySource) ?? "null"}`);
  }
  const compression = doc["x-amazon-apigateway-minimum-compression-size"];
  if (compression !== undefined) {
    const size = numberAt(compression);
    if (size !== undefined && Number.isInteger(size) && size >= 0 && size <= 10_485_760) settings.minimumCompressionSize = size;
    else report.error("Invalid minimum compression size, must be between 0 and 10485760");
  }
  const policy = doc["x-amazon-apigateway-policy"];
  if (isObject(policy)) settings.policy = JSON.stringify(policy);
  else if (typeof policy === "string") settings.policy = policy;
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  if (ctx.kind === "oas3" && servers.length > 1) report.warn("More than one server provided. Ignoring all but the first for defining endpoint configuration");
  const endpoint = objectAt(ctx.kind === "oas3" ? objectAt(servers[0])?.["x-amazon-apigateway-endpoint-configuration"] : doc["x-amazon-apigateway-endpoint-configuration"]);
  if (endpoint) {
    const disable = booleanAt(endpoint.disableExecuteApiEndpoint);
    if (disable !== undefined) settings.disableExecuteApiEndpoint = disable;
    const vpce = stringListAt(endpoint.vpcEndpointIds);
    if (vpce && vpce.length > 0) settings.vpcEndpointIds = vpce;
  }
  const tags: Record<string, string> = {};
  for (const t of Array.isArray(doc.tags) ? doc.tags : []) {
    const name = stringAt(objectAt(t)?.name);
    const value = stringAt(objectAt(t)?.["x-amazon-apigateway-tag-value"]);
    if (name !== undefined && value !== undefined) tags[name] = value;
  }
  if (Object.keys(tags).length > 0) settings.tags = tags;
  return settings;
}
