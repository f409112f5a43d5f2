/**
 * The document's models onto a REST API, stored as AWS stores them: JSON schema text whose
 * `$ref`s to other models are canonical URLs (https://apigateway.amazonaws.com/restapis/{id}/
 * models/{name}). A reference that names no model of the API (or points outside the document)
 * fails the model with AWS's error "… errors : [Model reference must be in canonical form]".
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html
 */
import { newId } from "../ids.js";
import type { ModelRecord, RestApiRecord } from "../types.js";
import type { ImportedDefinition } from "./definition.js";
import type { ImportReport } from "./import-report.js";
import { canonicalModelUrl, mapRefs, modelNameOf } from "./refs.js";
import type { PutMode } from "./put-mode.js";

export function applyModels(api: RestApiRecord, def: ImportedDefinition, mode: PutMode, report: ImportReport): void {
  const prior = api.models ?? {};
  const next: Record<string, ModelRecord> = mode === "merge" ? { ...prior } : {};
  const names = new Set([...Object.keys(next), ...def.models.map((m) => m.name)]);
  for (const m of def.models) {
    const failed: string[] = [];
    const schema = mapRefs(m.schema, (ref) => {
      const name = modelNameOf(ref, def.modelRefPrefix);
      return name !== undefined && names.has(name) ? canonicalModelUrl(api.id, name) : undefined;
    }, failed);
    if (failed.length > 0) {
      report.error(`Unable to create model for '${m.name}': Invalid model specified: Validation Result: warnings : [], errors : [Model reference must be in canonical form]`);
      continue;
    }
    next[m.name] = { id: prior[m.name]?.id ?? newId(), name: m.name, ...(m.description ? { description: m.description } : {}), schema: JSON.stringify(schema), contentType: "application/json" };
  }
  api.models = next;
}
