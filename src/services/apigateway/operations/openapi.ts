/**
 * OpenAPI import and export: ImportRestApi (a new API from an OpenAPI 3.0 / Swagger 2.0
 * document), PutRestApi (a document merged into, or overwriting, an existing API) and
 * GetExport (a stage's deployment as a document). The work is in ../openapi/.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_ImportRestApi.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_PutRestApi.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetExport.html
 */
import type { OperationHandler, RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { applyDefinition } from "../openapi/apply-definition.js";
import { parseOpenApi } from "../openapi/document.js";
import { exportDocument } from "../openapi/export-document.js";
import { exportFormatOf, isoSeconds, serializeExport } from "../openapi/export-format.js";
import { exportExtensionsOf, exportKindOf } from "../openapi/export-options.js";
import { ImportReport } from "../openapi/import-report.js";
import { importParameters } from "../openapi/import-parameters.js";
import { putModeOf } from "../openapi/put-mode.js";
import { readDefinition } from "../openapi/read-definition.js";
import type { RestApiRecord } from "../types.js";
import { restApiView } from "../views.js";
import { createRestApi } from "./rest-apis.js";

interface ImportInput {
  body?: Uint8Array;
  failOnWarnings?: boolean;
  parameters?: Record<string, string>;
}

const withWarnings = (api: RestApiRecord, report: ImportReport) => ({ ...restApiView(api), ...(report.warnings.length > 0 ? { warnings: report.warnings } : {}) });

async function importRestApi(input: ImportInput, ctx: RequestContext, gw: ApiGatewayService) {
  const failOnWarnings = input.failOnWarnings ?? false;
  const params = importParameters(input.parameters);
  const report = new ImportReport();
  const def = readDefinition(parseOpenApi(input.body), report, params.basePath);
  if (def.settings.name === undefined || def.settings.name === "") report.error("Invalid REST API name specified");
  report.check(failOnWarnings);
  // The API is created the way CreateRestApi creates it (same checks, same defaults), then
  // filled in; if filling it in fails the import, it is removed again.
  const s = def.settings;
  const view = await createRestApi(
    {
      name: s.name!,
      description: s.description,
      version: s.version,
      binaryMediaTypes: s.binaryMediaTypes,
      minimumCompressionSize: s.minimumCompressionSize,
      apiKeySource: s.apiKeySource,
      endpointConfiguration: params.endpointTypes || s.vpcEndpointIds ? { ...(params.endpointTypes ? { types: params.endpointTypes } : {}), ...(s.vpcEndpointIds ? { vpcEndpointIds: s.vpcEndpointIds } : {}) } : undefined,
      policy: s.policy,
      tags: s.tags,
      disableExecuteApiEndpoint: s.disableExecuteApiEndpoint,
    },
    ctx,
    gw,
  );
  const created = gw.api(view.id, ctx);
  const api = structuredClone(created);
  applyDefinition(api, def, "overwrite", report);
  try {
    report.check(failOnWarnings);
  } catch (err) {
    await gw.remove(created);
    throw err;
  }
  await gw.save(api);
  return withWarnings(api, report);
}

async function putRestApi(input: ImportInput & { restApiId: string; mode?: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const current = gw.api(input.restApiId, ctx);
  const mode = putModeOf(input.mode);
  const params = importParameters(input.parameters);
  const report = new ImportReport();
  const def = readDefinition(parseOpenApi(input.body), report, params.basePath);
  // Applied to a copy: a failed import leaves the API as it was.
  const api = structuredClone(current);
  applyDefinition(api, def, mode, report);
  report.check(input.failOnWarnings ?? false);
  await gw.save(api);
  return withWarnings(api, report);
}

function getExport(input: { restApiId: string; stageName: string; exportType: string; parameters?: Record<string, string>; accepts?: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const stage = api.stages?.[input.stageName];
  const deployment = stage ? api.deployments?.[stage.deploymentId] : undefined;
  if (!deployment) throw ApiGatewayErrors.notFound("Invalid stage identifier specified");
  const kind = exportKindOf(input.exportType);
  const ext = exportExtensionsOf(input.parameters);
  const format = exportFormatOf(input.accepts);
  const text = serializeExport(exportDocument({ api, deployment, stageName: input.stageName, kind, ext }), format);
  return {
    contentType: format.contentType,
    contentDisposition: `attachment; filename="${kind}_${isoSeconds(deployment.createdDate)}.${format.syntax}"`,
    body: Buffer.from(text, "utf8"),
  };
}

export const openApiOperations: Record<string, OperationHandler<ApiGatewayService>> = {
  ImportRestApi: importRestApi,
  PutRestApi: putRestApi,
  GetExport: getExport,
};
