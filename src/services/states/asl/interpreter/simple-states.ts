/** What Pass, Succeed, Choice and Fail states compute, shared by the top level and branches. */
import type { ChoiceState, Dynamic, FailState, PassState, SucceedState } from "../definition/model.js";
import { evaluateExpression } from "../jsonata/evaluate.js";
import { applyInputPath, applyParameters, evaluatePath, isStatesError, StatesError, type DataContext, type JsonObject, type JsonValue } from "../jsonpath/index.js";
import { chooseTransition, NO_TRANSITION_CAUSE } from "../rules/choice-eval.js";
import { bindings, inspected, plainExit, type StateExit } from "./data-flow.js";

export function passExit(state: PassState, input: JsonValue, ctx: DataContext): StateExit {
  return plainExit(state, input, ctx, (effective) => (state.parameters !== undefined ? inspected(ctx, "afterParameters", applyParameters(state.parameters, effective, ctx)) : (state.result ?? effective)));
}

export function succeedExit(state: SucceedState, input: JsonValue, ctx: DataContext): StateExit {
  return plainExit(state, input, ctx);
}

/** The rule that matched (or Default) and the state's output; States.Runtime when none did (as AWS reports it). */
export function choiceOutcome(state: ChoiceState, input: JsonValue, ctx: DataContext): { next: string } & StateExit {
  if (state.choices.language === "JSONPath") {
    const effective = applyInputPath(state.inputPath, input, ctx);
    const outcome = chooseTransition(state.choices.rules, (path) => readPath(path, effective, ctx));
    if (!outcome.ok) throw new StatesError(outcome.failure.error, outcome.failure.cause ?? "");
    const ruleAssign = outcome.value.assign as JsonObject | undefined;
    return { next: outcome.value.next, ...plainExit(state, input, ctx, undefined, ruleAssign !== undefined ? { assign: ruleAssign, at: `Choices[${outcome.value.matched}]/` } : {}) };
  }
  // JSONata: the first rule whose Condition is true; its own Output / Assign replace the state's.
  const b = bindings(ctx, { input });
  for (const [i, rule] of state.choices.choices.entries()) {
    // The definition keeps a Condition's expression without its `{% %}`.
    const expression = typeof rule.condition === "string" ? rule.condition : undefined;
    const value = expression === undefined ? rule.condition : evaluateExpression(expression, b, `Choices[${i}]/Condition`);
    if (typeof value !== "boolean") throw new StatesError("States.QueryEvaluationError", `The JSONata expression '${expression}' specified for the field 'Choices[${i}]/Condition' returned a non-boolean value.`);
    if (!value) continue;
    const fields = { ...(rule.output !== undefined ? { output: rule.output, at: `Choices[${i}]/` } : {}), ...(rule.assign !== undefined ? { assign: rule.assign, at: `Choices[${i}]/` } : {}) };
    return { next: rule.next, ...plainExit(state, input, ctx, undefined, fields) };
  }
  const fallback = state.choices.default ?? state.default;
  if (fallback === undefined) throw new StatesError("States.Runtime", NO_TRANSITION_CAUSE);
  return { next: fallback, ...plainExit(state, input, ctx) };
}

export function failOutcome(state: FailState, input: JsonValue, ctx: DataContext): { error?: string; cause?: string } {
  return { error: dynamicString(state.error, "Error", input, ctx), cause: dynamicString(state.cause, "Cause", input, ctx) };
}

export function readPath(path: string, input: JsonValue, ctx: DataContext): { found: true; value: unknown } | { found: false } {
  try {
    return { found: true, value: evaluatePath(path, input, ctx) };
  } catch (err) {
    if (isStatesError(err)) return { found: false };
    throw err;
  }
}

/** A Dynamic field's value: given, from a JSONPath into the input, or a JSONata expression's. */
export function dynamicValue(d: Dynamic<unknown>, field: string, input: JsonValue, ctx: DataContext): unknown {
  if (d.kind === "value") return d.value;
  if (d.kind === "jsonata") return evaluateExpression(d.expression, bindings(ctx, { input }), field);
  return evaluatePath(d.path, input, ctx);
}

function dynamicString(d: FailState["error"], field: string, input: JsonValue, ctx: DataContext): string | undefined {
  if (!d) return undefined;
  const value = dynamicValue(d, field, input, ctx);
  return typeof value === "string" ? value : JSON.stringify(value);
}
