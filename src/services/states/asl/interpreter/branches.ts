/**
 * What a Parallel or inline Map state hands its branches or iterations: their inputs (Parallel:
 * the same input for every branch, after Parameters / Arguments; Map: each item, after
 * ItemSelector), where each starts, and how many iterations may run at once. The branches and
 * iterations themselves run as frames of the interpreter (step.ts), so they may hold any state,
 * Tasks and Waits included, and each has its own variable scope.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html#variable-scope
 */
import type { MapState, ParallelState } from "../definition/model.js";
import { evaluateTemplate } from "../jsonata/evaluate.js";
import { applyInputPath, applyPayloadTemplate, evaluatePath, StatesError, type DataContext, type JsonValue } from "../jsonpath/index.js";
import { bindings, inspected, stateArguments } from "./data-flow.js";
import { dynamicValue } from "./simple-states.js";

export type Variables = Record<string, JsonValue>;

export interface BranchHost {
  dataContext(stateName: string, mapItem?: { Index: number; Value: JsonValue }, variables?: Variables): DataContext;
}

/** The input of each branch (Parallel) or iteration (Map). */
export function branchInputs(host: BranchHost, state: ParallelState | MapState, input: JsonValue, outer: Variables): JsonValue[] {
  const ctx = host.dataContext(state.name, undefined, outer);
  if (state.type === "Parallel") {
    const branchInput = stateArguments(state, input, ctx);
    return state.branches.map(() => branchInput);
  }
  const jsonata = state.queryLanguage === "JSONata";
  const effective = jsonata ? input : inspected(ctx, "afterInputPath", applyInputPath(state.inputPath, input, ctx));
  const items = jsonata ? (state.items !== undefined ? evaluateTemplate(state.items, bindings(ctx, { input }), "Items") : input) : inspected(ctx, "afterItemsPath", state.itemsPath !== undefined ? evaluatePath(state.itemsPath, effective, ctx) : effective);
  if (!Array.isArray(items)) throw new StatesError(jsonata ? "States.QueryEvaluationError" : "States.Runtime", `Map state input must be an array but was: ${JSON.stringify(items)}`);
  if (state.itemSelector === undefined) return items;
  const selected = items.map((value, index) => {
    const itemCtx = host.dataContext(state.name, { Index: index, Value: value }, outer);
    return jsonata ? evaluateTemplate(state.itemSelector!, bindings(itemCtx, { input }), "ItemSelector") : applyPayloadTemplate(state.itemSelector!, effective, itemCtx);
  });
  return inspected(ctx, "afterItemSelector", selected) as JsonValue[];
}

/** Where branch (or iteration) `index` starts. */
export function startOf(state: ParallelState | MapState, index: number): string {
  return state.type === "Parallel" ? state.branches[index].startAt : state.processor.startAt;
}

/** A Map's MaxConcurrency (0: no limit), given, from a path or from JSONata. */
export function mapConcurrency(state: MapState, input: JsonValue, ctx: DataContext): number {
  const path = state.maxConcurrency.kind === "path";
  const value = dynamicValue(state.maxConcurrency, "MaxConcurrency", path && state.queryLanguage === "JSONPath" ? applyInputPath(state.inputPath, input, ctx) : input, ctx);
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw new StatesError("States.Runtime", `The value of MaxConcurrency must be a non-negative integer, but was: ${JSON.stringify(value)}`);
  return value;
}
