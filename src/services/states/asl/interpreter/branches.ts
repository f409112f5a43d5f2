/**
 * Parallel branches and inline Map iterations, run to completion within one step. Their states
 * may be Pass, Succeed, Fail, Choice, Parallel and Map; a Wait or Task inside a branch is not
 * supported yet (it would have to survive between steps) and fails with States.Runtime.
 * Each branch and iteration has its own variable scope: it reads the variables of the scope
 * around it, and what it assigns stays inside it (only its output leaves).
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html#variable-scope
 */
import type { MapState, ParallelState, StateDefinition, SubMachine } from "../definition/model.js";
import { evaluateTemplate } from "../jsonata/evaluate.js";
import { applyInputPath, applyPayloadTemplate, evaluatePath, isStatesError, StatesError, type DataContext, type JsonValue } from "../jsonpath/index.js";
import { stateFailureCause } from "../rules/errors.js";
import { handleStateError } from "../rules/handle-error.js";
import { bindings, catchExit, resultExit, stateArguments, type StateExit } from "./data-flow.js";
import { choiceOutcome, failOutcome, passExit, succeedExit } from "./simple-states.js";

export type Variables = Record<string, JsonValue>;

export interface BranchHost {
  emit(type: string, details: Record<string, unknown>): number;
  dataContext(stateName: string, mapItem?: { Index: number; Value: JsonValue }, variables?: Variables): DataContext;
  random(): number;
}

/** A branch's end: its output, or the error that ended it. */
export type Outcome = { ok: true; output: JsonValue } | { ok: false; error: string; cause?: string };

const exited = (state: StateDefinition, output: JsonValue) => ({ stateExitedEventDetails: { name: state.name, output: JSON.stringify(output), outputDetails: { truncated: false } } });

/** A Parallel state's work: every branch on the same input; the result is their outputs, in order. */
export function runParallel(host: BranchHost, state: ParallelState, input: JsonValue, outer: Variables): Outcome {
  host.emit("ParallelStateStarted", {});
  const branchInput = stateArguments(state, input, host.dataContext(state.name, undefined, outer));
  const outputs: JsonValue[] = [];
  for (const branch of state.branches) {
    const r = runMachine(host, branch, branchInput, outer);
    if (!r.ok) {
      host.emit("ParallelStateFailed", {});
      return r;
    }
    outputs.push(r.output);
  }
  host.emit("ParallelStateSucceeded", {});
  return { ok: true, output: outputs };
}

/** An inline Map state's work: the processor once per item; the result is their outputs, in order. */
export function runMap(host: BranchHost, state: MapState, input: JsonValue, outer: Variables): Outcome {
  if (state.mode !== "INLINE") throw new StatesError("States.Runtime", "Distributed Map is not supported by Stratus yet");
  const ctx = host.dataContext(state.name, undefined, outer);
  const jsonata = state.queryLanguage === "JSONata";
  const effective = jsonata ? input : applyInputPath(state.inputPath, input, ctx);
  const items = jsonata ? (state.items !== undefined ? evaluateTemplate(state.items, bindings(ctx, { input }), "Items") : input) : state.itemsPath !== undefined ? evaluatePath(state.itemsPath, effective, ctx) : effective;
  if (!Array.isArray(items)) throw new StatesError(jsonata ? "States.QueryEvaluationError" : "States.Runtime", `Map state input must be an array but was: ${JSON.stringify(items)}`);
  host.emit("MapStateStarted", { mapStateStartedEventDetails: { length: items.length } });
  const outputs: JsonValue[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = { Index: index, Value: items[index] };
    const itemCtx = host.dataContext(state.name, item, outer);
    const itemInput =
      state.itemSelector === undefined ? items[index]
      : jsonata ? evaluateTemplate(state.itemSelector, bindings(itemCtx, { input }), "ItemSelector")
      : applyPayloadTemplate(state.itemSelector, effective, itemCtx);
    host.emit("MapIterationStarted", { mapIterationStartedEventDetails: { name: state.name, index } });
    const r = runMachine(host, state.processor, itemInput, outer);
    if (!r.ok) {
      host.emit("MapIterationFailed", { mapIterationFailedEventDetails: { name: state.name, index } });
      host.emit("MapStateFailed", {});
      return r;
    }
    host.emit("MapIterationSucceeded", { mapIterationSucceededEventDetails: { name: state.name, index } });
    outputs.push(r.output);
  }
  host.emit("MapStateSucceeded", {});
  return { ok: true, output: outputs };
}

/** A branch or iteration, from its StartAt to its end, in a scope of its own. */
function runMachine(host: BranchHost, machine: SubMachine, input: JsonValue, outer: Variables): Outcome {
  const scope: Variables = { ...outer };
  let name: string | undefined = machine.startAt;
  let value = input;
  while (name !== undefined) {
    const state = machine.states.get(name)!;
    const entered = host.emit(`${state.type}StateEntered`, { stateEnteredEventDetails: { name: state.name, input: JSON.stringify(value), inputDetails: { truncated: false } } });
    let step: ({ next?: string } & StateExit) | Outcome;
    try {
      step = runBranchState(host, state, value, scope);
    } catch (err) {
      if (!isStatesError(err)) throw err;
      return { ok: false, error: err.error, cause: stateFailureCause(state.name, entered, err.cause) };
    }
    if ("ok" in step) return step;
    if (step.assigned) Object.assign(scope, step.assigned);
    if (step.next === undefined) return { ok: true, output: step.output };
    name = step.next;
    value = step.output;
  }
  return { ok: true, output: value };
}

/** One state inside a branch: its next state, output and assignments, or how the branch ended. */
function runBranchState(host: BranchHost, state: StateDefinition, input: JsonValue, scope: Variables): ({ next?: string } & StateExit) | Outcome {
  const ctx = host.dataContext(state.name, undefined, scope);
  const leave = (exit: StateExit) => {
    host.emit(`${state.type}StateExited`, exited(state, exit.output));
    return { next: state.end ? undefined : state.next, ...exit };
  };
  switch (state.type) {
    case "Pass":
      return leave(passExit(state, input, ctx));
    case "Succeed": {
      const { output } = succeedExit(state, input, ctx);
      host.emit("SucceedStateExited", exited(state, output));
      return { ok: true, output };
    }
    case "Fail": {
      const { error, cause } = failOutcome(state, input, ctx);
      return { ok: false, error: error ?? "", cause };
    }
    case "Choice": {
      const outcome = choiceOutcome(state, input, ctx);
      host.emit("ChoiceStateExited", exited(state, outcome.output));
      return outcome;
    }
    case "Parallel":
    case "Map": {
      const r = state.type === "Parallel" ? runParallel(host, state, input, scope) : runMap(host, state, input, scope);
      if (r.ok) return leave(resultExit(state, input, r.output, ctx));
      const decision = handleStateError({ error: r.error, cause: r.cause }, state.retry, state.retry.map(() => 0), state.catch, () => host.random());
      if (decision.kind === "retry") throw new StatesError("States.Runtime", "Retry inside Parallel or Map branches is not supported by Stratus yet");
      if (decision.kind === "fail") return { ok: false, error: decision.error, cause: decision.cause };
      const exit = catchExit(state, decision, input, ctx);
      host.emit(`${state.type}StateExited`, exited(state, exit.output));
      return { next: decision.next, ...exit };
    }
    default:
      throw new StatesError("States.Runtime", `${state.type} states inside Parallel or Map are not supported by Stratus yet`);
  }
}
