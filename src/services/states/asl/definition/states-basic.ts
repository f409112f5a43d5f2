/**
 * Pass, Succeed, Fail, Wait and Choice states.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-succeed.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 */
import type { JsonObject, JsonValue } from "../jsonpath/json.js";
import { isJsonObject } from "../jsonpath/json.js";
import { compileChoiceState } from "../rules/choice-rules.js";
import { parseTimestamp } from "../rules/timestamps.js";
import { compileWait, MAX_WAIT_SECONDS, WAIT_TIMING_FIELDS } from "../rules/wait.js";
import { Messages } from "../rules/validation.js";
import {
  checkAssign,
  checkPathOrIntrinsic,
  checkResultPath,
  checkTemplate,
  choicePathChecker,
  has,
  isJsonataExpression,
  jsonataBody,
  push,
  readJsonata,
  readNumber,
  readString,
  referencePathChecker,
  take,
  type Ctx,
} from "./common.js";
import { DiagnosticCodes, Sentences, warning } from "./diagnostics.js";
import type { ChoiceState, Dynamic, FailState, JsonataChoice, PassState, QueryLanguage, SucceedState, WaitState } from "./model.js";

/** What every state compiler receives: the fields common to all states, already read. */
export interface StateBasics {
  readonly name: string;
  readonly location: string;
  readonly queryLanguage: QueryLanguage;
  readonly comment?: string;
  readonly next?: string;
  readonly end: boolean;
  readonly inputPath?: string | null;
  readonly outputPath?: string | null;
  readonly assign?: JsonObject;
  readonly output?: JsonValue;
  readonly raw: JsonObject;
}

export function compilePass(ctx: Ctx, raw: JsonObject, base: StateBasics): PassState {
  const loc = base.location;
  const language = base.queryLanguage;
  let result: JsonValue | undefined;
  let parameters: JsonValue | undefined;
  if (language === "JSONPath") {
    if (has(raw, "Result")) {
      result = raw.Result;
      staticResultWarnings(ctx, result, `${loc}/Result`);
    }
    parameters = checkTemplate(ctx, raw, "Parameters", loc, false);
  }
  return {
    ...base,
    type: "Pass",
    ...checkResultPath(ctx, raw, loc, language),
    ...(result !== undefined ? { result } : {}),
    ...(parameters !== undefined ? { parameters } : {}),
  };
}

/** PASS_RESULT_IS_STATIC: a `.$` field inside a Pass state's Result is not evaluated. */
function staticResultWarnings(ctx: Ctx, value: JsonValue, at: string): void {
  if (Array.isArray(value)) value.forEach((item, i) => staticResultWarnings(ctx, item, `${at}/${i}`));
  else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      if (key.endsWith(".$")) ctx.out.push(warning(DiagnosticCodes.PassResultIsStatic, Sentences.passResultIsStatic(key), `${at}/${key}`));
      staticResultWarnings(ctx, value[key], `${at}/${key}`);
    }
  }
}

export function compileSucceed(_ctx: Ctx, _raw: JsonObject, base: StateBasics): SucceedState {
  return { ...base, type: "Succeed", end: true };
}

export function compileFail(ctx: Ctx, raw: JsonObject, base: StateBasics): FailState {
  const loc = base.location;
  const language = base.queryLanguage;
  const read = (field: "Error" | "Cause"): Dynamic<string> | undefined => {
    const pathField = `${field}Path`;
    if (language === "JSONPath" && has(raw, field) && has(raw, pathField)) {
      push(ctx, Messages.onlyOneOfMany([field, pathField]), loc);
      return undefined;
    }
    if (language === "JSONPath" && has(raw, pathField)) {
      const path = checkPathOrIntrinsic(ctx, raw, pathField, loc);
      return path === undefined ? undefined : { kind: "path", path };
    }
    return readString(ctx, raw, field, loc, language);
  };
  const error = read("Error");
  const cause = read("Cause");
  return { ...base, type: "Fail", end: true, ...(error ? { error } : {}), ...(cause ? { cause } : {}) };
}

export function compileWaitState(ctx: Ctx, raw: JsonObject, base: StateBasics): WaitState | undefined {
  const loc = base.location;
  if (base.queryLanguage === "JSONPath") {
    const timing = take(ctx, compileWait(raw, loc, { checkPath: referencePathChecker }));
    return timing && { ...base, type: "Wait", wait: { language: "JSONPath", timing } };
  }
  // JSONata: Seconds (integer or expression) or Timestamp (timestamp or expression).
  const present = ["Seconds", "Timestamp"].filter((f) => has(raw, f));
  const pathFields = WAIT_TIMING_FIELDS.filter((f) => f.endsWith("Path") && has(raw, f));
  if (present.length + pathFields.length === 0) {
    push(ctx, Messages.onlyOneOfNone(["Seconds", "Timestamp"]), loc);
    return undefined;
  }
  if (present.length > 1) {
    push(ctx, Messages.onlyOneOfMany(["Seconds", "Timestamp"]), loc);
    return undefined;
  }
  if (present.length === 0) return undefined; // only a JSONPath field, already reported
  if (present[0] === "Seconds") {
    const seconds = readNumber(ctx, raw, loc, "JSONata", { field: "Seconds", min: 0, max: MAX_WAIT_SECONDS, integer: true });
    return seconds && { ...base, type: "Wait", wait: { language: "JSONata", seconds } };
  }
  const value = raw.Timestamp;
  const at = `${loc}/Timestamp`;
  if (typeof value !== "string") {
    push(ctx, Messages.expectedType("String"), at);
    return undefined;
  }
  if (isJsonataExpression(value)) return { ...base, type: "Wait", wait: { language: "JSONata", timestamp: { kind: "jsonata", expression: jsonataBody(value) } } };
  if (parseTimestamp(value) === undefined) {
    push(ctx, Messages.notTimestamp, at);
    return undefined;
  }
  return { ...base, type: "Wait", wait: { language: "JSONata", timestamp: { kind: "value", value } } };
}

const JSONATA_CHOICE_FIELDS = new Set(["Condition", "Next", "Comment", "Assign", "Output"]);

export function compileChoice(ctx: Ctx, raw: JsonObject, base: StateBasics): ChoiceState | undefined {
  const loc = base.location;
  if (base.queryLanguage === "JSONPath") {
    const rules = take(ctx, compileChoiceState(raw, loc, { checkPath: choicePathChecker }));
    if (Array.isArray(raw.Choices)) {
      raw.Choices.forEach((choice, i) => {
        if (isJsonObject(choice)) checkAssign(ctx, choice, `${loc}/Choices[${i}]`, "JSONPath");
      });
    }
    if (!rules) return undefined;
    return { ...base, type: "Choice", choices: { language: "JSONPath", rules }, ...(rules.default !== undefined ? { default: rules.default } : {}) };
  }
  const before = ctx.out.length;
  const choices: JsonataChoice[] = [];
  const list = raw.Choices;
  if (!has(raw, "Choices")) push(ctx, Messages.fieldRequired("Choices"), loc);
  else if (!Array.isArray(list)) push(ctx, Messages.expectedType("Array"), `${loc}/Choices`);
  else if (list.length === 0) push(ctx, Messages.empty, `${loc}/Choices`);
  else {
    list.forEach((item, i) => {
      const choice = compileJsonataChoice(ctx, item, `${loc}/Choices[${i}]`);
      if (choice) choices.push(choice);
    });
  }
  if (has(raw, "Default") && (typeof raw.Default !== "string" || raw.Default === "")) push(ctx, Messages.expectedType("String"), `${loc}/Default`);
  if (ctx.out.length !== before) return undefined;
  const defaultState = raw.Default as string | undefined;
  return {
    ...base,
    type: "Choice",
    choices: { language: "JSONata", choices, ...(defaultState !== undefined ? { default: defaultState } : {}) },
    ...(defaultState !== undefined ? { default: defaultState } : {}),
  };
}

function compileJsonataChoice(ctx: Ctx, raw: unknown, at: string): JsonataChoice | undefined {
  if (!isJsonObject(raw)) {
    push(ctx, Messages.expectedType("Object"), at);
    return undefined;
  }
  const before = ctx.out.length;
  for (const key of Object.keys(raw)) if (!JSONATA_CHOICE_FIELDS.has(key)) push(ctx, Messages.notSupported(key), at);
  if (!has(raw, "Condition")) push(ctx, Messages.fieldRequired("Condition"), at);
  else if (typeof raw.Condition !== "boolean" && !isJsonataExpression(raw.Condition)) push(ctx, Sentences.notJsonata, `${at}/Condition`);
  if (!has(raw, "Next")) push(ctx, Messages.fieldRequired("Next"), at);
  else if (typeof raw.Next !== "string" || raw.Next === "") push(ctx, Messages.expectedType("String"), `${at}/Next`);
  const assign = checkAssign(ctx, raw, at, "JSONata");
  const output = readJsonata(ctx, raw, "Output", at, "any");
  if (ctx.out.length !== before) return undefined;
  const condition = raw.Condition as boolean | string;
  return {
    condition: typeof condition === "string" ? jsonataBody(condition) : condition,
    next: raw.Next as string,
    ...(assign ? { assign } : {}),
    ...(output !== undefined ? { output } : {}),
  };
}
