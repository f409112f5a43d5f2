/**
 * Parallel and Map states: their sub-machines are read by the machine reader (each with its own
 * scope of state names for transitions), their own fields here.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
 */
import type { JsonObject, JsonValue } from "../jsonpath/json.js";
import { isJsonObject } from "../jsonpath/json.js";
import { Messages } from "../rules/validation.js";
import {
  checkPathField,
  checkResultPath,
  checkResultSelector,
  checkTemplate,
  has,
  push,
  readJsonata,
  readNumber,
  type Ctx,
} from "./common.js";
import { Sentences } from "./diagnostics.js";
import { BRANCH_FIELDS, PROCESSOR_FIELDS } from "./fields.js";
import type { ItemBatcher, MapState, ParallelState, QueryLanguage, SubMachine } from "./model.js";
import type { StateBasics } from "./states-basic.js";
import { compileErrorHandling } from "./states-task.js";

export function compileParallel(ctx: Ctx, raw: JsonObject, base: StateBasics): ParallelState | undefined {
  const loc = base.location;
  const language = base.queryLanguage;
  const before = ctx.out.length;
  const branches: SubMachine[] = [];
  const list = raw.Branches;
  if (!has(raw, "Branches")) push(ctx, Messages.fieldRequired("Branches"), loc);
  else if (!Array.isArray(list)) push(ctx, Messages.expectedType("Array"), `${loc}/Branches`);
  else if (list.length === 0) push(ctx, Messages.empty, `${loc}/Branches`);
  else {
    list.forEach((branch, i) => {
      const machine = ctx.compileScope(branch, `${loc}/Branches[${i}]`, BRANCH_FIELDS);
      if (machine) branches.push(machine);
    });
  }
  const parameters = language === "JSONPath" ? checkTemplate(ctx, raw, "Parameters", loc, false) : undefined;
  const args = language === "JSONata" ? readJsonata(ctx, raw, "Arguments", loc, "object") : undefined;
  const resultSelector = checkResultSelector(ctx, raw, loc, language);
  const resultPath = checkResultPath(ctx, raw, loc, language);
  const handling = compileErrorHandling(ctx, raw, loc, language);
  if (!handling || ctx.out.slice(before).some((d) => d.severity === "ERROR")) return undefined;
  return {
    ...base,
    type: "Parallel",
    branches,
    ...resultPath,
    ...(parameters !== undefined ? { parameters } : {}),
    ...(args !== undefined ? { arguments: args } : {}),
    ...(resultSelector !== undefined ? { resultSelector } : {}),
    retry: handling.retry,
    catch: handling.catch,
  };
}

const MODES = ["INLINE", "DISTRIBUTED"] as const;
const EXECUTION_TYPES = ["STANDARD", "EXPRESS"] as const;
/** "The Label can be up to 40 characters long" (Distributed Map). */
const MAX_LABEL_LENGTH = 40;
/** Largest MaxConcurrency-like integer accepted (AWS accepts large values and caps them at run time). */
const MAX_INT = Number.MAX_SAFE_INTEGER;

export function compileMap(ctx: Ctx, raw: JsonObject, base: StateBasics): MapState | undefined {
  const loc = base.location;
  const language = base.queryLanguage;
  const before = ctx.out.length;

  // The processor: ItemProcessor, or the legacy Iterator.
  const processorFields = ["Iterator", "ItemProcessor"].filter((f) => has(raw, f));
  let processor: SubMachine | undefined;
  let mode: MapState["mode"] = "INLINE";
  let executionType: MapState["executionType"];
  if (processorFields.length === 0) push(ctx, Messages.onlyOneOfNone(["Iterator", "ItemProcessor"]), loc);
  else if (processorFields.length > 1) push(ctx, Messages.onlyOneOfMany(["Iterator", "ItemProcessor"]), loc);
  else {
    const field = processorFields[0];
    const at = `${loc}/${field}`;
    const value = raw[field];
    processor = ctx.compileScope(value, at, field === "Iterator" ? BRANCH_FIELDS : PROCESSOR_FIELDS);
    if (field === "ItemProcessor" && isJsonObject(value) && has(value, "ProcessorConfig")) {
      const config = readProcessorConfig(ctx, value.ProcessorConfig, `${at}/ProcessorConfig`);
      if (config) ({ mode, executionType } = config);
      // "Distributed mode is supported in Standard workflows but not supported in Express workflows."
      if (mode === "DISTRIBUTED" && ctx.machineType === "EXPRESS") push(ctx, Sentences.expressDistributedMap, `${at}/ProcessorConfig/Mode`);
    }
  }

  // Items.
  const itemsPath = language === "JSONPath" ? checkPathField(ctx, raw, "ItemsPath", loc, { reference: true, context: true, variables: true }, false) : undefined;
  const items = language === "JSONata" ? readJsonata(ctx, raw, "Items", loc, "array") : undefined;
  let itemSelector: JsonValue | undefined;
  if (has(raw, "ItemSelector") && language === "JSONPath" && has(raw, "Parameters")) push(ctx, Messages.onlyOneOfMany(["ItemSelector", "Parameters"]), loc);
  else if (language === "JSONPath") itemSelector = checkTemplate(ctx, raw, has(raw, "ItemSelector") ? "ItemSelector" : "Parameters", loc, true);
  else itemSelector = readJsonata(ctx, raw, "ItemSelector", loc, "object");

  // Concurrency and failure tolerance.
  const maxConcurrency = readNumber(ctx, raw, loc, language, { field: "MaxConcurrency", pathField: "MaxConcurrencyPath", min: 0, max: MAX_INT, integer: true });
  const toleratedFailurePercentage = readNumber(ctx, raw, loc, language, {
    field: "ToleratedFailurePercentage",
    pathField: "ToleratedFailurePercentagePath",
    min: 0,
    max: 100,
    integer: false,
  });
  const toleratedFailureCount = readNumber(ctx, raw, loc, language, { field: "ToleratedFailureCount", pathField: "ToleratedFailureCountPath", min: 0, max: MAX_INT, integer: true });

  // Distributed Map I/O: S3 readers and writers are not available.
  for (const field of ["ItemReader", "ResultWriter"]) if (has(raw, field)) push(ctx, Sentences.needsS3(field), `${loc}/${field}`);
  const itemBatcher = has(raw, "ItemBatcher") ? readItemBatcher(ctx, raw.ItemBatcher, `${loc}/ItemBatcher`, language) : undefined;
  let label: string | undefined;
  if (has(raw, "Label")) {
    const value = raw.Label;
    if (typeof value !== "string") push(ctx, Messages.expectedType("String"), `${loc}/Label`);
    else if ([...value].length > MAX_LABEL_LENGTH) push(ctx, Messages.maximum(MAX_LABEL_LENGTH), `${loc}/Label`);
    else label = value;
  }

  const resultSelector = checkResultSelector(ctx, raw, loc, language);
  const resultPath = checkResultPath(ctx, raw, loc, language);
  const handling = compileErrorHandling(ctx, raw, loc, language);
  if (!processor || !handling || ctx.out.slice(before).some((d) => d.severity === "ERROR")) return undefined;
  return {
    ...base,
    type: "Map",
    processor,
    mode,
    ...(executionType ? { executionType } : {}),
    legacyIterator: processorFields[0] === "Iterator",
    ...(typeof itemsPath === "string" ? { itemsPath } : {}),
    ...(items !== undefined ? { items } : {}),
    ...(itemSelector !== undefined ? { itemSelector } : {}),
    maxConcurrency: maxConcurrency ?? { kind: "value", value: 0 },
    ...(toleratedFailurePercentage ? { toleratedFailurePercentage } : {}),
    ...(toleratedFailureCount ? { toleratedFailureCount } : {}),
    ...(itemBatcher ? { itemBatcher } : {}),
    ...(label !== undefined ? { label } : {}),
    ...(resultSelector !== undefined ? { resultSelector } : {}),
    ...resultPath,
    retry: handling.retry,
    catch: handling.catch,
  };
}

function readProcessorConfig(ctx: Ctx, value: unknown, at: string): { mode: MapState["mode"]; executionType?: MapState["executionType"] } | undefined {
  if (!isJsonObject(value)) {
    push(ctx, Messages.expectedType("Object"), at);
    return undefined;
  }
  const before = ctx.out.length;
  for (const key of Object.keys(value)) if (key !== "Mode" && key !== "ExecutionType") push(ctx, Messages.notSupported(key), at);
  let mode: MapState["mode"] = "INLINE";
  if (has(value, "Mode")) {
    if (!(MODES as readonly unknown[]).includes(value.Mode)) push(ctx, Messages.oneOf(MODES), `${at}/Mode`);
    else mode = value.Mode as MapState["mode"];
  }
  let executionType: MapState["executionType"];
  if (has(value, "ExecutionType")) {
    if (!(EXECUTION_TYPES as readonly unknown[]).includes(value.ExecutionType)) push(ctx, Messages.oneOf(EXECUTION_TYPES), `${at}/ExecutionType`);
    else executionType = value.ExecutionType as MapState["executionType"];
  } else if (mode === "DISTRIBUTED") push(ctx, Messages.fieldRequired("ExecutionType"), at);
  if (ctx.out.length !== before) return undefined;
  return executionType && mode === "DISTRIBUTED" ? { mode, executionType } : { mode };
}

const BATCHER_FIELDS = new Set(["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput"]);
/** "MaxInputBytesPerBatch ... up to 256 KiB". */
const MAX_BATCH_BYTES = 262_144;

function readItemBatcher(ctx: Ctx, value: unknown, at: string, language: QueryLanguage): ItemBatcher | undefined {
  if (!isJsonObject(value)) {
    push(ctx, Messages.expectedType("Object"), at);
    return undefined;
  }
  const before = ctx.out.length;
  for (const key of Object.keys(value)) if (!BATCHER_FIELDS.has(key)) push(ctx, Messages.notSupported(key), at);
  const maxItemsPerBatch = readNumber(ctx, value, at, language, { field: "MaxItemsPerBatch", pathField: "MaxItemsPerBatchPath", min: 1, max: MAX_INT, integer: true });
  const maxInputBytesPerBatch = readNumber(ctx, value, at, language, {
    field: "MaxInputBytesPerBatch",
    pathField: "MaxInputBytesPerBatchPath",
    min: 1,
    max: MAX_BATCH_BYTES,
    integer: true,
  });
  const batchInput = has(value, "BatchInput") ? value.BatchInput : undefined;
  if (batchInput !== undefined && !isJsonObject(batchInput) && language === "JSONPath") push(ctx, Messages.expectedType("Object"), `${at}/BatchInput`);
  if (ctx.out.length === before && !maxItemsPerBatch && !maxInputBytesPerBatch) {
    push(ctx, Messages.onlyOneOfNone(["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"]), at);
  }
  if (ctx.out.length !== before) return undefined;
  const batcher: { -readonly [K in keyof ItemBatcher]: ItemBatcher[K] } = {};
  if (maxItemsPerBatch) batcher.maxItemsPerBatch = maxItemsPerBatch;
  if (maxInputBytesPerBatch) batcher.maxInputBytesPerBatch = maxInputBytesPerBatch;
  if (batchInput !== undefined) batcher.batchInput = batchInput;
  return batcher;
}

