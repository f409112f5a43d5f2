/**
 * Transition checks within one scope (the top-level machine, a Parallel branch or a Map
 * processor): every target names a state of the same scope, every state is targeted, and the top
 * level has a terminal state.
 *
 * AWS's rules, as observed:
 * - each StartAt / Next / Default / Choices[i].Next / Catch[i].Next naming no state of its scope:
 *   MISSING_TRANSITION_TARGET "Missing 'Next' target: X" at that field (the word is 'Next' for all);
 * - a state no transition of its scope names: MISSING_TRANSITION_TARGET 'State "X" is not
 *   reachable.' at the state. "Named" is enough: a state named only by an unreachable state is not
 *   reported (StartAt "Missing", A → B: only A is reported);
 * - the top-level States with no terminal state (End: true, Succeed, Fail): MISSING_END_STATE
 *   "Workflow has no terminal state", without location; it replaces the unreachable-state reports.
 *   Branches and processors are not checked for a terminal state.
 */
import type { JsonObject } from "../jsonpath/json.js";
import { isJsonObject } from "../jsonpath/json.js";
import { DiagnosticCodes, error, Sentences, type Diagnostic } from "./diagnostics.js";

interface Target {
  readonly name: string;
  readonly location: string;
}

/** Targets written in one state, with their locations. */
function targetsOf(state: JsonObject, loc: string): Target[] {
  const targets: Target[] = [];
  const add = (value: unknown, at: string): void => {
    if (typeof value === "string") targets.push({ name: value, location: at });
  };
  const type = state.Type;
  if (type === "Choice") {
    if (Array.isArray(state.Choices)) {
      state.Choices.forEach((choice, i) => {
        if (isJsonObject(choice)) add(choice.Next, `${loc}/Choices[${i}]/Next`);
      });
    }
    add(state.Default, `${loc}/Default`);
    return targets;
  }
  if (type === "Succeed" || type === "Fail") return targets;
  add(state.Next, `${loc}/Next`);
  if ((type === "Task" || type === "Parallel" || type === "Map") && Array.isArray(state.Catch)) {
    state.Catch.forEach((catcher, i) => {
      if (isJsonObject(catcher)) add(catcher.Next, `${loc}/Catch[${i}]/Next`);
    });
  }
  return targets;
}

function isTerminal(state: unknown): boolean {
  return isJsonObject(state) && (state.End === true || state.Type === "Succeed" || state.Type === "Fail");
}

/**
 * Checks one scope. `scope` is the scope's location ("" at the top level); `startAt` is the raw
 * StartAt (only a string is checked), `states` the raw States object.
 */
export function checkScopeTransitions(scope: string, startAt: unknown, states: JsonObject, topLevel: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = Object.keys(states);
  const known = new Set(names);
  const targets: Target[] = [];
  if (typeof startAt === "string") targets.push({ name: startAt, location: `${scope}/StartAt` });
  for (const name of names) {
    const state = states[name];
    if (isJsonObject(state)) targets.push(...targetsOf(state, `${scope}/States/${name}`));
  }
  for (const target of targets) {
    if (!known.has(target.name)) out.push(error(DiagnosticCodes.MissingTransitionTarget, Sentences.missingTarget(target.name), target.location));
  }
  const missingEnd = topLevel && names.length > 0 && !names.some((name) => isTerminal(states[name]));
  if (!missingEnd) {
    const targeted = new Set(targets.map((t) => t.name));
    for (const name of names) {
      if (!targeted.has(name)) out.push(error(DiagnosticCodes.MissingTransitionTarget, Sentences.unreachable(name), `${scope}/States/${name}`));
    }
  }
  if (missingEnd) out.push(error(DiagnosticCodes.MissingEndState, Sentences.noTerminalState));
  return out;
}
