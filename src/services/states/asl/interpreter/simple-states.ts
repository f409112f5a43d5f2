/** What Pass, Succeed, Choice and Fail states compute, shared by the top level and branches. */
import type { ChoiceState, FailState, PassState, SucceedState } from "../definition/model.js";
import { applyInputPath, applyOutputPath, applyParameters, applyResultPath, evaluatePath, isStatesError, StatesError, type DataContext, type JsonValue } from "../jsonpath/index.js";
import { chooseTransition } from "../rules/choice-eval.js";

export function passOutput(state: PassState, input: JsonValue, ctx: DataContext): JsonValue {
  const effective = applyInputPath(state.inputPath, input, ctx);
  const result = state.parameters !== undefined ? applyParameters(state.parameters, effective, ctx) : (state.result ?? effective);
  return applyOutputPath(state.outputPath, applyResultPath(input, result, state.resultPath), ctx);
}

export function succeedOutput(state: SucceedState, input: JsonValue, ctx: DataContext): JsonValue {
  return applyOutputPath(state.outputPath, applyInputPath(state.inputPath, input, ctx), ctx);
}

/** The rule that matched (or Default) and the state's output; States.Runtime when none did. */
export function choiceOutcome(state: ChoiceState, input: JsonValue, ctx: DataContext): { next: string; output: JsonValue } {
  if (state.choices.language !== "JSONPath") throw new StatesError("States.Runtime", "JSONata is not supported by Stratus yet");
  const effective = applyInputPath(state.inputPath, input, ctx);
  const outcome = chooseTransition(state.choices.rules, (path) => readPath(path, effective, ctx));
  if (!outcome.ok) throw new StatesError(outcome.failure.error, outcome.failure.cause ?? "");
  return { next: outcome.value.next, output: applyOutputPath(state.outputPath, effective, ctx) };
}

export function failOutcome(state: FailState, input: JsonValue, ctx: DataContext): { error?: string; cause?: string } {
  return { error: dynamicString(state.error, input, ctx), cause: dynamicString(state.cause, input, ctx) };
}

export function readPath(path: string, input: JsonValue, ctx: DataContext): { found: true; value: unknown } | { found: false } {
  try {
    return { found: true, value: evaluatePath(path, input, ctx) };
  } catch (err) {
    if (isStatesError(err)) return { found: false };
    throw err;
  }
}

function dynamicString(d: FailState["error"], input: JsonValue, ctx: DataContext): string | undefined {
  if (!d) return undefined;
  if (d.kind === "value") return d.value;
  if (d.kind === "jsonata") throw new StatesError("States.Runtime", "JSONata is not supported by Stratus yet");
  const value = evaluatePath(d.path, input, ctx);
  return typeof value === "string" ? value : JSON.stringify(value);
}
