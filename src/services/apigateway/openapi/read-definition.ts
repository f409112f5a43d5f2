/**
 * Reads a parsed OpenAPI 3.0 / Swagger 2.0 document into an ImportedDefinition, reporting what
 * AWS would report as errors or warnings. Nothing here touches an API: applying comes after.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_ImportRestApi.html
 */
import type { ImportedDefinition } from "./definition.js";
import type { OpenApiDocument } from "./document.js";
import type { ImportReport } from "./import-report.js";
import { stringAt } from "./json-value.js";
import { readApiSettings } from "./read-api-settings.js";
import type { ReadContext } from "./read-context.js";
import { readGatewayResponses } from "./read-gateway-responses.js";
import { readModels } from "./read-models.js";
import { readPaths, type BasePathMode } from "./read-paths.js";
import { readSecuritySchemes } from "./read-security.js";
import { readValidators } from "./read-validators.js";

export function readDefinition(input: OpenApiDocument, report: ImportReport, basePath: BasePathMode): ImportedDefinition {
  const modelRefPrefix = input.kind === "oas3" ? "#/components/schemas/" : "#/definitions/";
  const ctx: ReadContext = { doc: input.doc, kind: input.kind, report, modelRefPrefix, inlineModels: new Map() };
  const settings = readApiSettings(ctx);
  const models = readModels(ctx);
  const schemes = readSecuritySchemes(ctx);
  const requestValidators = readValidators(ctx);
  const gatewayResponses = readGatewayResponses(ctx);
  const paths = readPaths(ctx, { schemes, rootSecurity: input.doc.security, defaultValidator: stringAt(input.doc["x-amazon-apigateway-request-validator"]) }, basePath);
  const named = new Set(models.map((m) => m.name));
  for (const inline of ctx.inlineModels.values()) if (!named.has(inline.name)) models.push(inline);
  return { modelRefPrefix, settings, models, authorizers: [...schemes.authorizers.values()], requestValidators, gatewayResponses, paths };
}
