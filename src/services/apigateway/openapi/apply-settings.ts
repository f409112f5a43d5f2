/**
 * The document's API-wide settings onto a REST API. Merge keeps what the document does not
 * mention and adds binary media types; overwrite takes the document's binary media types as
 * the whole list.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-update.html
 */
import type { RestApiRecord } from "../types.js";
import type { ApiSettingsDraft } from "./definition.js";
import type { PutMode } from "./put-mode.js";

export function applySettings(api: RestApiRecord, s: ApiSettingsDraft, mode: PutMode): void {
  if (s.name !== undefined) api.name = s.name;
  if (s.description !== undefined) api.description = s.description;
  if (s.version !== undefined) api.version = s.version;
  if (mode === "overwrite") api.binaryMediaTypes = [...(s.binaryMediaTypes ?? [])];
  else if (s.binaryMediaTypes) api.binaryMediaTypes = [...new Set([...api.binaryMediaTypes, ...s.binaryMediaTypes])];
  if (s.apiKeySource !== undefined) api.apiKeySource = s.apiKeySource;
  if (s.minimumCompressionSize !== undefined) api.minimumCompressionSize = s.minimumCompressionSize;
  if (s.policy !== undefined) api.policy = s.policy;
  if (s.disableExecuteApiEndpoint !== undefined) api.disableExecuteApiEndpoint = s.disableExecuteApiEndpoint;
  if (s.vpcEndpointIds !== undefined) api.endpointConfiguration = { ...api.endpointConfiguration, vpcEndpointIds: s.vpcEndpointIds };
  if (s.tags) api.tags = { ...api.tags, ...s.tags };
}
