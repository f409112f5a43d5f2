/**
 * Parallel branches and inline Map iterations, run to completion within one step. Their states
 * may be Pass, Succeed, Fail, Choice, Parallel and Map; a Wait or Task inside a branch is not
 * supported yet (it would have to survive between steps) and fails with States.Runtime.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
 */
import type { MapState, ParallelState, StateDefinition, SubMachine } from "../definition/model.js";
import { applyInputPath, applyOutputPath, applyParameters, applyPayloadTemplate, applyResultPath, applyResultSelector, evaluatePath, isStatesError, StatesError, type DataContext, type JsonValue } from "../jsonpath/index.js";
import { stateFailureCause } from "../rules/errors.js";
import { handleStateError } from "../rules/handle-error.js";
import { choiceOutcome, failOutcome, passOutput, succeedOutput } from "./simple-states.js";

export interface BranchHost {
  emit(type: string, details: Record<string, unknown>): number;
  dataContext(stateName: string, mapItem?: { Index: number; Value: JsonValue }): DataContext;
  random(): number;
}

export type Outcome = { ok: true; output: JsonValue } | { ok: false; error: string; cause?: string };

const exited = (state: StateDefinition, output: JsonValue) => ({ stateExitedEventDetails: { name: state.name, output: JSON.stringify(output), outputDetails: { truncated: false } } });

/** A Parallel state's work: every branch on the same input; the result is their outputs, in order. */
export function runParallel(host: BranchHost, state: ParallelState, input: JsonValue): Outcome {
  host.emit("ParallelStateStarted", {});
  const ctx = host.dataContext(state.name);
  const effective = applyInputPath(state.inputPath, input, ctx);
  const branchInput = state.parameters !== undefined ? applyParameters(state.parameters, effective, ctx) : effective;
  const outputs: JsonValue[] = [];
  for (const branch of state.branches) {
    const r = runMachine(host, branch, branchInput);
    if (!r.ok) {
      host.emit("ParallelStateFailed", {});
      return r;
    }
    outputs.push(r.output);
  }
  host.emit("ParallelStateSucceeded", {});
  return { ok: true, output: finishResult(state, input, outputs, ctx) };
}

/** An inline Map state's work: the processor once per item; the result is their outputs, in order. */
export function runMap(host: BranchHost, state: MapState, input: JsonValue): Outcome {
  const ctx = host.dataContext(state.name);
  const effective = applyInputPath(state.inputPath, input, ctx);
  if (state.mode !== "INLINE") throw new StatesError("States.Runtime", "Distributed Map is not supported by Stratus yet");
  const items = state.itemsPath !== undefined ? evaluatePath(state.itemsPath, effective, ctx) : effective;
  if (!Array.isArray(items)) throw new StatesError("States.Runtime", `Map state input must be an array but was: ${JSON.stringify(items)}`);
  host.emit("MapStateStarted", { mapStateStartedEventDetails: { length: items.length } });
  const outputs: JsonValue[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = { Index: index, Value: items[index] };
    const itemInput = state.itemSelector !== undefined ? applyPayloadTemplate(state.itemSelector, effective, host.dataContext(state.name, item)) : items[index];
    host.emit("MapIterationStarted", { mapIterationStartedEventDetails: { name: state.name, index } });
    const r = runMachine(host, state.processor, itemInput);
    if (!r.ok) {
      host.emit("MapIterationFailed", { mapIterationFailedEventDetails: { name: state.name, index } });
      host.emit("MapStateFailed", {});
      return r;
    }
    host.emit("MapIterationSucceeded", { mapIterationSucceededEventDetails: { name: state.name, index } });
    outputs.push(r.output);
  }
  host.emit("MapStateSucceeded", {});
  return { ok: true, output: finishResult(state, input, outputs, ctx) };
}

function finishResult(state: ParallelState | MapState, input: JsonValue, outputs: JsonValue[], ctx: DataContext): JsonValue {
  const selected = state.resultSelector !== undefined ? applyResultSelector(state.resultSelector, outputs, ctx) : outputs;
  return applyOutputPath(state.outputPath, applyResultPath(input, selected, state.resultPath), ctx);
}

/** A branch or iteration, from its StartAt to its end. */
function runMachine(host: BranchHost, machine: SubMachine, input: JsonValue): Outcome {
  let name: string | undefined = machine.startAt;
  let value = input;
  while (name !== undefined) {
    const state = machine.states.get(name)!;
    const entered = host.emit(`${state.type}StateEntered`, { stateEnteredEventDetails: { name: state.name, input: JSON.stringify(value), inputDetails: { truncated: false } } });
    let step: { next?: string; output: JsonValue } | Outcome;
    try {
      step = runBranchState(host, state, value);
    } catch (err) {
      if (!isStatesError(err)) throw err;
      return { ok: false, error: err.error, cause: stateFailureCause(state.name, entered, err.cause) };
    }
    if ("ok" in step) return step;
    if (step.next === undefined) return { ok: true, output: step.output };
    name = step.next;
    value = step.output;
  }
  return { ok: true, output: value };
}

/** One state inside a branch: its next state and output, or how the branch ended. */
function runBranchState(host: BranchHost, state: StateDefinition, input: JsonValue): { next?: string; output: JsonValue } | Outcome {
  const ctx = host.dataContext(state.name);
  const leave = (output: JsonValue) => {
    host.emit(`${state.type}StateExited`, exited(state, output));
    return { next: state.end ? undefined : state.next, output };
  };
  switch (state.type) {
    case "Pass":
      return leave(passOutput(state, input, ctx));
    case "Succeed": {
      const output = succeedOutput(state, input, ctx);
      host.emit("SucceedStateExited", exited(state, output));
      return { ok: true, output };
    }
    case "Fail": {
      const { error, cause } = failOutcome(state, input, ctx);
      return { ok: false, error: error ?? "", cause };
    }
    case "Choice": {
      const { next, output } = choiceOutcome(state, input, ctx);
      host.emit("ChoiceStateExited", exited(state, output));
      return { next, output };
    }
    case "Parallel":
    case "Map": {
      const r = state.type === "Parallel" ? runParallel(host, state, input) : runMap(host, state, input);
      if (r.ok) return leave(r.output);
      const decision = handleStateError({ error: r.error, cause: r.cause }, state.retry, state.retry.map(() => 0), state.catch, () => host.random());
      if (decision.kind === "retry") throw new StatesError("States.Runtime", "Retry inside Parallel or Map branches is not supported by Stratus yet");
      if (decision.kind === "fail") return { ok: false, error: decision.error, cause: decision.cause };
      const output = applyResultPath(input, decision.errorOutput as unknown as JsonValue, decision.resultPath);
      host.emit(`${state.type}StateExited`, exited(state, output));
      return { next: decision.next, output };
    }
    default:
      throw new StatesError("States.Runtime", `${state.type} states inside Parallel or Map are not supported by Stratus yet`);
  }
}
