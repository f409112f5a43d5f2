/**
 * What a Distributed Map computes before and while its Map Run runs: the children's inputs
 * (one per item, or batches with an ItemBatcher), the tolerated failures, and when they are
 * exceeded. The Map Run itself (child executions started as MaxConcurrency allows, their ends
 * counted) is driven by step.ts; the executor starts the children.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html
 */
import type { Dynamic, MapState } from "../definition/model.js";
import { evaluateTemplate } from "../jsonata/evaluate.js";
import { applyInputPath, applyPayloadTemplate, StatesError, type DataContext, type JsonValue } from "../jsonpath/index.js";
import { bindings } from "./data-flow.js";
import { dynamicValue } from "./simple-states.js";
import type { MapRunWaiting } from "./types.js";

/** With MaxConcurrency 0 (or none), AWS runs up to 10,000 child executions at once. */
export const MAX_DISTRIBUTED_CONCURRENCY = 10_000;

export const THRESHOLD_ERROR = "States.ExceedToleratedFailureThreshold";
export const THRESHOLD_CAUSE = "The specified tolerated failure threshold was exceeded";

/** "MaxInputBytesPerBatch ... up to 256 KiB" (also the most any child's input may be). */
const MAX_BATCH_BYTES = 262_144;

/** A number a Map field gives, from its value, a path into the (effective) input, or JSONata. */
export function mapNumber(state: MapState, d: Dynamic<number>, field: string, input: JsonValue, ctx: DataContext, check: { min: number; max?: number; integer: boolean }): number {
  const value = dynamicValue(d, field, d.kind === "path" && state.queryLanguage === "JSONPath" ? applyInputPath(state.inputPath, input, ctx) : input, ctx);
  const ok = typeof value === "number" && value >= check.min && value <= (check.max ?? Number.MAX_SAFE_INTEGER) && (!check.integer || Number.isInteger(value));
  if (!ok) {
    const range = check.max !== undefined ? `between ${check.min} and ${check.max}` : check.min === 0 ? "non-negative" : "positive";
    throw new StatesError("States.Runtime", `The value of ${field} must be a ${range}${check.integer ? " integer" : " number"}, but was: ${JSON.stringify(value)}`);
  }
  return value as number;
}

/** ToleratedFailureCount / Percentage, as the state gives them (undefined: not given). */
export function mapTolerance(state: MapState, input: JsonValue, ctx: DataContext): { toleratedFailureCount?: number; toleratedFailurePercentage?: number } {
  return {
    ...(state.toleratedFailureCount ? { toleratedFailureCount: mapNumber(state, state.toleratedFailureCount, "ToleratedFailureCount", input, ctx, { min: 0, integer: true }) } : {}),
    ...(state.toleratedFailurePercentage ? { toleratedFailurePercentage: mapNumber(state, state.toleratedFailurePercentage, "ToleratedFailurePercentage", input, ctx, { min: 0, max: 100, integer: false }) } : {}),
  };
}

/**
 * The children's inputs: each item, or with an ItemBatcher `{ BatchInput?, Items }` holding
 * at most MaxItemsPerBatch items and MaxInputBytesPerBatch bytes of JSON; `sizes` counts the
 * items of each child.
 */
export function mapRunChildren(state: MapState, items: JsonValue[], input: JsonValue, ctx: DataContext): { inputs: JsonValue[]; sizes: number[] } {
  const batcher = state.itemBatcher;
  if (!batcher) return { inputs: items, sizes: items.map(() => 1) };
  const maxItems = batcher.maxItemsPerBatch ? mapNumber(state, batcher.maxItemsPerBatch, "MaxItemsPerBatch", input, ctx, { min: 1, integer: true }) : Infinity;
  const maxBytes = batcher.maxInputBytesPerBatch ? mapNumber(state, batcher.maxInputBytesPerBatch, "MaxInputBytesPerBatch", input, ctx, { min: 1, max: MAX_BATCH_BYTES, integer: true }) : MAX_BATCH_BYTES;
  const batchInput = batcher.batchInput === undefined ? undefined : batchInputOf(state, batcher.batchInput, input, ctx);
  // `{"BatchInput":…,"Items":[` … `]}`: the bytes around the items, then each item and its comma.
  const frame = Buffer.byteLength(JSON.stringify(batchInput === undefined ? { Items: [] } : { BatchInput: batchInput, Items: [] }));
  const inputs: JsonValue[] = [];
  const sizes: number[] = [];
  let batch: JsonValue[] = [];
  let bytes = frame;
  const flush = () => {
    if (batch.length === 0) return;
    inputs.push(batchInput === undefined ? { Items: batch } : { BatchInput: batchInput, Items: batch });
    sizes.push(batch.length);
    batch = [];
    bytes = frame;
  };
  for (const item of items) {
    const itemBytes = Buffer.byteLength(JSON.stringify(item));
    if (frame + itemBytes > maxBytes) throw new StatesError("States.Runtime", `An item of the Map state's input is larger than MaxInputBytesPerBatch (${maxBytes} bytes).`);
    if (batch.length >= maxItems || bytes + itemBytes + (batch.length > 0 ? 1 : 0) > maxBytes) flush();
    bytes += itemBytes + (batch.length > 0 ? 1 : 0);
    batch.push(item);
  }
  flush();
  return { inputs, sizes };
}

function batchInputOf(state: MapState, template: JsonValue, input: JsonValue, ctx: DataContext): JsonValue {
  if (state.queryLanguage === "JSONata") return evaluateTemplate(template, bindings(ctx, { input }), "ItemBatcher/BatchInput");
  return applyPayloadTemplate(template, applyInputPath(state.inputPath, input, ctx), ctx);
}

/**
 * Whether the failed items exceed what the Map Run tolerates: either limit when both are
 * given, none tolerated when neither is (AWS's default percentage is 0).
 */
export function toleranceExceeded(w: MapRunWaiting): boolean {
  const failedItems = w.failedItems;
  if (failedItems === 0) return false;
  const total = w.sizes.reduce((a, b) => a + b, 0);
  const { toleratedFailureCount: count, toleratedFailurePercentage: percentage } = w;
  if (count === undefined && percentage === undefined) return true;
  if (count !== undefined && failedItems > count) return true;
  return percentage !== undefined && (failedItems / total) * 100 > percentage;
}
