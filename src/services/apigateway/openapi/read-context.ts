/** What every reader of an imported document shares: the document, its kind and the report. */
import type { ModelDraft } from "./definition.js";
import type { SpecKind } from "./document.js";
import type { ImportReport } from "./import-report.js";
import type { JsonObject } from "./json-value.js";

export interface ReadContext {
  doc: JsonObject;
  kind: SpecKind;
  report: ImportReport;
  modelRefPrefix: "#/components/schemas/" | "#/definitions/";
  /** Models made from inline body schemas, by their generated name. */
  inlineModels: Map<string, ModelDraft>;
}
