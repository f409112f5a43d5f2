/**
 * The state machine definition validator CreateStateMachine, UpdateStateMachine and
 * ValidateStateMachineDefinition apply: parse the JSON text, check the machine and every state
 * (recursively into Parallel branches and Map processors), check transitions per scope, and build
 * the ParsedDefinition the interpreter runs.
 * https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
 * https://states-language.net/spec.html
 *
 * Diagnostics come in this order: JSON / top-level fields, then each state in definition order
 * (depth first), then transition problems scope by scope (inner scopes first), MISSING_END_STATE
 * last.
 */
import type { JsonObject } from "../jsonpath/json.js";
import { isJsonObject } from "../jsonpath/json.js";
import { MAX_WAIT_SECONDS } from "../rules/wait.js";
import { Messages } from "../rules/validation.js";
import {
  checkAssign,
  checkInputOutput,
  checkStateFields,
  checkTransition,
  has,
  push,
  readJsonata,
  stateLanguage,
  type Ctx,
  type ValidateOptions,
} from "./common.js";
import { DiagnosticCodes, error, schema, Sentences, type Diagnostic } from "./diagnostics.js";
import { MACHINE_FIELDS } from "./fields.js";
import { readJsonText } from "./json-text.js";
import { STATE_TYPES, type ParsedDefinition, type QueryLanguage, type StateDefinition, type StateType, type SubMachine } from "./model.js";
import { compileChoice, compileFail, compilePass, compileSucceed, compileWaitState, type StateBasics } from "./states-basic.js";
import { compileMap, compileParallel } from "./states-parallel-map.js";
import { compileTask } from "./states-task.js";
import { checkScopeTransitions } from "./transitions.js";

/** "The state name ... MUST BE less than or equal to 80 Unicode characters." */
export const MAX_STATE_NAME_LENGTH = 80;
/** The execution timeout has the same upper bound as other seconds fields. */
const MAX_MACHINE_TIMEOUT_SECONDS = MAX_WAIT_SECONDS;

export type ValidationResult =
  /** `diagnostics` holds the warnings, if any. */
  | { readonly ok: true; readonly definition: ParsedDefinition; readonly diagnostics: readonly Diagnostic[] }
  /** Errors (at least one) and warnings. */
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function validateDefinition(text: string, options: ValidateOptions = {}): ValidationResult {
  const parsed = readJsonText(text);
  if (!parsed.ok) return { ok: false, diagnostics: [error(DiagnosticCodes.InvalidJson, parsed.message, parsed.location)] };
  const root = parsed.value;
  if (!isJsonObject(root)) return { ok: false, diagnostics: [error(DiagnosticCodes.SchemaValidationFailed, Sentences.notAnObject)] };

  const out: Diagnostic[] = [];
  const machineLanguage = readMachineLanguage(root, out);
  const ctx: Ctx = {
    out,
    transitions: [],
    machineLanguage,
    machineType: options.type ?? "STANDARD",
    repeatedKeys: parsed.repeatedKeys,
    names: new Map(),
    allStates: new Map(),
    compileScope: (raw, location, fields) => compileScope(ctx, raw, location, fields, false),
  };
  for (const key of Object.keys(root)) if (!MACHINE_FIELDS.has(key)) push(ctx, Messages.notSupported(key), "/");
  if (has(root, "Comment") && typeof root.Comment !== "string") push(ctx, Messages.expectedType("String"), "/Comment");
  if (has(root, "Version") && typeof root.Version !== "string") push(ctx, Messages.expectedType("String"), "/Version");
  const timeout = root.TimeoutSeconds;
  if (has(root, "TimeoutSeconds")) {
    if (typeof timeout !== "number" || !Number.isInteger(timeout)) push(ctx, Messages.expectedType("Integer"), "/TimeoutSeconds");
    else if (timeout < 1) push(ctx, Messages.minimum(1), "/TimeoutSeconds");
    else if (timeout > MAX_MACHINE_TIMEOUT_SECONDS) push(ctx, Messages.maximum(MAX_MACHINE_TIMEOUT_SECONDS), "/TimeoutSeconds");
  }
  const machine = compileScope(ctx, root, "", MACHINE_FIELDS, true);

  const diagnostics = [...ctx.out, ...ctx.transitions];
  if (diagnostics.some((d) => d.severity === "ERROR")) return { ok: false, diagnostics };
  if (!machine) throw new Error("definition validator: no machine and no error");
  const definition: ParsedDefinition = {
    ...(typeof root.Comment === "string" ? { comment: root.Comment } : {}),
    ...(typeof root.Version === "string" ? { version: root.Version } : {}),
    ...(typeof timeout === "number" ? { timeoutSeconds: timeout } : {}),
    queryLanguage: machineLanguage,
    startAt: machine.startAt,
    states: machine.states,
    allStates: ctx.allStates,
    raw: root,
  };
  return { ok: true, definition, diagnostics };
}

/** The top-level QueryLanguage; anything but the exact "JSONPath" (or absence) is JSONata. */
function readMachineLanguage(root: JsonObject, out: Diagnostic[]): QueryLanguage {
  if (!has(root, "QueryLanguage") || root.QueryLanguage === "JSONPath") return "JSONPath";
  if (root.QueryLanguage !== "JSONata") {
    const message = typeof root.QueryLanguage === "string" ? Messages.oneOf(["JSONPath", "JSONata"]) : Messages.expectedType("String");
    out.push(schema(message, "/QueryLanguage"));
  }
  return "JSONata";
}

/**
 * Reads a (sub-)machine: the top level (`location` ""), a Parallel branch or a Map processor.
 * Unknown fields of a branch or processor are reported here; the top level's by the caller.
 */
function compileScope(ctx: Ctx, raw: unknown, location: string, fields: ReadonlySet<string>, topLevel: boolean): SubMachine | undefined {
  const at = location === "" ? "/" : location;
  if (!isJsonObject(raw)) {
    push(ctx, Messages.expectedType("Object"), at);
    return undefined;
  }
  const before = ctx.out.length;
  if (!topLevel) for (const key of Object.keys(raw)) if (!fields.has(key)) push(ctx, Messages.notSupported(key), at);
  if (!topLevel && has(raw, "Comment") && typeof raw.Comment !== "string") push(ctx, Messages.expectedType("String"), `${location}/Comment`);
  const missing = ["States", "StartAt"].filter((f) => !has(raw, f));
  if (missing.length > 0) push(ctx, Messages.fieldsRequired(missing), at);
  if (has(raw, "StartAt") && typeof raw.StartAt !== "string") push(ctx, Messages.expectedType("String"), `${location}/StartAt`);
  const rawStates = raw.States;
  const states = new Map<string, StateDefinition>();
  if (has(raw, "States")) {
    if (!isJsonObject(rawStates)) push(ctx, Messages.expectedType("Object"), `${location}/States`);
    else if (Object.keys(rawStates).length === 0) push(ctx, Messages.empty, `${location}/States`);
    else {
      for (const name of ctx.repeatedKeys.get(rawStates) ?? []) {
        ctx.out.push(error(DiagnosticCodes.DuplicateStateName, Sentences.duplicateName(name), `${location}/States/${name}`));
      }
      for (const name of Object.keys(rawStates)) {
        const state = compileState(ctx, name, rawStates[name], `${location}/States/${name}`);
        if (state) states.set(name, state);
      }
      ctx.transitions.push(...checkScopeTransitions(location, raw.StartAt, rawStates, topLevel));
    }
  }
  if (ctx.out.slice(before).some((d) => d.severity === "ERROR")) return undefined;
  return { ...(typeof raw.Comment === "string" ? { comment: raw.Comment } : {}), startAt: raw.StartAt as string, states };
}

function compileState(ctx: Ctx, name: string, raw: unknown, loc: string): StateDefinition | undefined {
  if ([...name].length > MAX_STATE_NAME_LENGTH) {
    ctx.out.push(error(DiagnosticCodes.InvalidStateName, Sentences.nameTooLong(name, MAX_STATE_NAME_LENGTH), loc));
  }
  if (ctx.names.has(name)) ctx.out.push(error(DiagnosticCodes.DuplicateStateName, Sentences.duplicateName(name), loc));
  else ctx.names.set(name, loc);

  if (!isJsonObject(raw)) {
    push(ctx, Messages.expectedType("Object"), loc);
    return undefined;
  }
  if (!has(raw, "Type")) {
    push(ctx, Messages.fieldRequired("Type"), loc);
    return undefined;
  }
  const type = raw.Type;
  if (!(STATE_TYPES as readonly unknown[]).includes(type)) {
    push(ctx, typeof type === "string" ? Messages.oneOf(STATE_TYPES) : Messages.expectedType("String"), `${loc}/Type`);
    return undefined;
  }
  const stateType = type as StateType;
  const before = ctx.out.length;
  const { language, downgraded, problem } = stateLanguage(ctx, raw, loc);
  if (problem && downgraded) ctx.out.push(problem);
  checkStateFields(ctx, raw, stateType, loc, language, downgraded);
  if (problem && !downgraded) ctx.out.push(problem);
  if (has(raw, "Comment") && typeof raw.Comment !== "string") push(ctx, Messages.expectedType("String"), `${loc}/Comment`);

  const transition = stateType === "Choice" || stateType === "Succeed" || stateType === "Fail" ? { end: stateType !== "Choice" } : checkTransition(ctx, raw, loc);
  const io = stateType === "Fail" ? {} : checkInputOutput(ctx, raw, loc, language);
  const assign = stateType === "Succeed" || stateType === "Fail" ? undefined : checkAssign(ctx, raw, loc, language);
  const output = language === "JSONata" && stateType !== "Fail" ? readJsonata(ctx, raw, "Output", loc, "any") : undefined;
  const base: StateBasics = {
    name,
    location: loc,
    queryLanguage: language,
    ...(typeof raw.Comment === "string" ? { comment: raw.Comment } : {}),
    ...transition,
    ...io,
    ...(assign ? { assign } : {}),
    ...(output !== undefined ? { output } : {}),
    raw,
  };
  const state = compileByType(ctx, stateType, raw, base);
  if (!state || ctx.out.slice(before).some((d) => d.severity === "ERROR")) return undefined;
  if (!ctx.allStates.has(name)) ctx.allStates.set(name, state);
  return state;
}

function compileByType(ctx: Ctx, type: StateType, raw: JsonObject, base: StateBasics): StateDefinition | undefined {
  switch (type) {
    case "Pass":
      return compilePass(ctx, raw, base);
    case "Task":
      return compileTask(ctx, raw, base);
    case "Choice":
      return compileChoice(ctx, raw, base);
    case "Wait":
      return compileWaitState(ctx, raw, base);
    case "Succeed":
      return compileSucceed(ctx, raw, base);
    case "Fail":
      return compileFail(ctx, raw, base);
    case "Parallel":
      return compileParallel(ctx, raw, base);
    case "Map":
      return compileMap(ctx, raw, base);
  }
}
