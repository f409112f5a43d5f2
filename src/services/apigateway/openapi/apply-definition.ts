/**
 * Applies an imported definition to a REST API record (in place; callers hand in a copy and
 * keep it only if the report allows): settings, models, validators, authorizers, gateway
 * responses, then the resource tree and its methods. The API keeps its id and root resource.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_PutRestApi.html
 */
import type { RestApiRecord } from "../types.js";
import { applyModels } from "./apply-models.js";
import { applyNamed } from "./apply-named.js";
import { applyPaths } from "./apply-paths.js";
import { applySettings } from "./apply-settings.js";
import type { ImportedDefinition } from "./definition.js";
import type { ImportReport } from "./import-report.js";
import type { PutMode } from "./put-mode.js";

export function applyDefinition(api: RestApiRecord, def: ImportedDefinition, mode: PutMode, report: ImportReport): void {
  applySettings(api, def.settings, mode);
  applyModels(api, def, mode, report);
  const ids = applyNamed(api, def, mode);
  applyPaths(api, def.paths, mode, ids, report);
}
