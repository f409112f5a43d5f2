/**
 * How an export is written: the Accept header picks JSON (application/json) or YAML
 * (application/yaml). Without one AWS answers JSON as application/octet-stream, with a
 * Content-Disposition naming the file "<exportType>_<timestamp>.<json|yaml>".
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetExport.html
 */
import type * as Yaml from "yaml";
import { lazyRequire } from "../../../core/lazy-require.js";
import { ApiGatewayErrors } from "../errors.js";

const yaml = lazyRequire<typeof Yaml>("yaml");

export interface ExportFormat {
  syntax: "json" | "yaml";
  contentType: string;
}

const JSON_TYPES = new Set(["application/json"]);
const YAML_TYPES = new Set(["application/yaml", "application/x-yaml", "text/yaml"]);

export function exportFormatOf(accepts: string | undefined): ExportFormat {
  if (accepts === undefined || accepts.trim() === "") return { syntax: "json", contentType: "application/octet-stream" };
  for (const media of accepts.split(",")) {
    const type = media.split(";")[0].trim().toLowerCase();
    if (JSON_TYPES.has(type)) return { syntax: "json", contentType: "application/json" };
    if (YAML_TYPES.has(type)) return { syntax: "yaml", contentType: "application/yaml" };
    if (type === "*/*" || type === "application/*") return { syntax: "json", contentType: "application/octet-stream" };
  }
  throw ApiGatewayErrors.badRequest(`Unsupported Accept type: ${accepts}. Valid options are application/json, application/yaml`);
}

export function serializeExport(doc: unknown, format: ExportFormat): string {
  if (format.syntax === "yaml") return yaml().stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
  return JSON.stringify(doc, null, 2);
}

/** "2024-01-13T23:01:41Z": the timestamps AWS puts in exports (no milliseconds). */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
