/**
 * Evaluation of compiled Choice rules against a state's effective input, read through an
 * injected `readPath`. Pure: the same rules and reads give the same answer.
 *
 * AWS's run-time behaviour (observed):
 * - a Variable, or the path of a `...Path` operator, that selects nothing fails the execution
 *   with States.Runtime "Invalid path '<path>': The choice state's condition path references an
 *   invalid value." — for every operator except IsPresent, which is then simply false;
 * - values of the wrong type make a comparison false, they never fail it;
 * - And/Or stop at the first rule that decides them, and the Choices are tried in order, so a
 *   later rule's missing path is never read once an earlier rule matched;
 * - no match and no Default fails with States.Runtime "Failed to transition out of the state.
 *   The state does not point to a next state." (the spec's States.NoChoiceMatched is not what
 *   AWS reports).
 */
import { compareAs, holds, typeTest, type TypeTest } from "./choice-operators.js";
import type { ChoiceRule, ChoiceStateRules, DataTest } from "./choice-rules.js";
import { runtimeFailure, succeed, type Outcome } from "./errors.js";
import { matchesStringPattern, openEscapeCause } from "./string-matches.js";

/** Reads a path against the state's effective input (and the context object / variables). */
export type ReadPath = (path: string) => { found: true; value: unknown } | { found: false };

export const NO_TRANSITION_CAUSE = "Failed to transition out of the state. The state does not point to a next state.";

export function invalidChoicePathCause(path: string): string {
  return `Invalid path '${path}': The choice state's condition path references an invalid value.`;
}

/** The transition a Choice state takes: a matched rule's Next, or the Default. */
export interface ChoiceTransition {
  readonly next: string;
  /** Index of the matched rule in Choices, or "Default". */
  readonly matched: number | "Default";
  /** The matched rule's Assign block, if any (the interpreter evaluates it). */
  readonly assign?: unknown;
}

export function chooseTransition(state: ChoiceStateRules, readPath: ReadPath): Outcome<ChoiceTransition> {
  for (let i = 0; i < state.choices.length; i++) {
    const choice = state.choices[i];
    const result = evaluateChoiceRule(choice.rule, readPath);
    if (!result.ok) return result;
    if (result.value) return succeed(choice.assign === undefined ? { next: choice.next, matched: i } : { next: choice.next, matched: i, assign: choice.assign });
  }
  if (state.default !== undefined) return succeed({ next: state.default, matched: "Default" });
  return runtimeFailure(NO_TRANSITION_CAUSE);
}

export function evaluateChoiceRule(rule: ChoiceRule, readPath: ReadPath): Outcome<boolean> {
  switch (rule.kind) {
    case "And":
      for (const inner of rule.rules) {
        const result = evaluateChoiceRule(inner, readPath);
        if (!result.ok || !result.value) return result;
      }
      return succeed(true);
    case "Or":
      for (const inner of rule.rules) {
        const result = evaluateChoiceRule(inner, readPath);
        if (!result.ok || result.value) return result;
      }
      return succeed(false);
    case "Not": {
      const result = evaluateChoiceRule(rule.rule, readPath);
      return result.ok ? succeed(!result.value) : result;
    }
    case "Test":
      return evaluateTest(rule, readPath);
  }
}

function evaluateTest(test: DataTest, readPath: ReadPath): Outcome<boolean> {
  const { operator, operand } = test;
  const variable = readPath(test.variable);
  if (operator.name === "IsPresent") return succeed(variable.found === operand);
  if (!variable.found) return runtimeFailure(invalidChoicePathCause(test.variable));
  const value = variable.value;
  switch (operator.family) {
    case "Is":
      return succeed(typeTest(operator.name as Exclude<TypeTest, "IsPresent">, value) === operand);
    case "StringMatches": {
      const pattern = test.pattern;
      if (typeof value !== "string") return succeed(false);
      if (!pattern || !pattern.ok) return runtimeFailure(openEscapeCause(operand as string, pattern ? pattern.position : 0));
      return succeed(matchesStringPattern(pattern.pattern, value));
    }
    default: {
      let other = operand;
      if (operator.path) {
        const read = readPath(operand as string);
        if (!read.found) return runtimeFailure(invalidChoicePathCause(operand as string));
        other = read.value;
      }
      const order = compareAs(operator.family, value, other);
      return succeed(order !== undefined && holds(operator.relation!, order));
    }
  }
}
