/**
 * How a state's data moves in either query language, for the top level and for branches alike:
 * - JSONPath: InputPath → Parameters → (work) → ResultSelector → ResultPath → OutputPath;
 * - JSONata: Arguments → (work) → Output, with `$states.input`, `$states.result`,
 *   `$states.errorOutput` and `$states.context` bound;
 * and in both, Assign: the variables a state sets once it is done. Every value in an Assign
 * block is evaluated against the variables as they were when the state was entered; the new
 * values are seen from the next state on. In JSONPath, `$` in Assign is the state's result
 * (after ResultSelector) for Task, Parallel and Map, what Result or Parameters made for Pass,
 * and the effective input for Choice and Wait; in a Catch, the error output.
 * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */
import type { MapState, ParallelState, StateDefinition, TaskState } from "../definition/model.js";
import { evaluateTemplate, type JsonataBindings } from "../jsonata/evaluate.js";
import { applyInputPath, applyOutputPath, applyParameters, applyPayloadTemplate, applyResultPath, applyResultSelector, StatesError, type DataContext, type JsonObject, type JsonValue } from "../jsonpath/index.js";
import type { CatchSelection } from "../rules/catch.js";

/** A state's output and the variables it assigns (undefined: none). */
export interface StateExit {
  output: JsonValue;
  assigned?: Record<string, JsonValue>;
}

/** What JSONata expressions see: `$states` and the variables in scope. */
export function bindings(ctx: DataContext, states: { input: JsonValue; result?: JsonValue; errorOutput?: JsonValue }): JsonataBindings {
  return {
    states: { ...states, context: ctx.context ?? {} },
    variables: ctx.variables ?? {},
    random: ctx.random ?? Math.random,
    ...(ctx.uuid ? { uuid: ctx.uuid } : {}),
    ...(ctx.now !== undefined ? { now: ctx.now } : {}),
  };
}

/** The input of a Task's call or of Parallel's branches: Parameters, or JSONata Arguments. */
export function stateArguments(state: TaskState | ParallelState, input: JsonValue, ctx: DataContext): JsonValue {
  if (state.queryLanguage === "JSONata") return inspected(ctx, "afterArguments", state.arguments !== undefined ? evaluateTemplate(state.arguments, bindings(ctx, { input }), "Arguments") : input);
  const effective = inspected(ctx, "afterInputPath", applyInputPath(state.inputPath, input, ctx));
  return inspected(ctx, "afterParameters", state.parameters !== undefined ? applyParameters(state.parameters, effective, ctx) : effective);
}

/** `value`, after telling the inspector (TestState) about it. */
export function inspected(ctx: DataContext, field: string, value: JsonValue): JsonValue {
  ctx.inspect?.(field, value);
  return value;
}

/** Task, Parallel and Map, once they have their result: the output and the assignments. */
export function resultExit(state: TaskState | ParallelState | MapState, input: JsonValue, result: JsonValue, ctx: DataContext): StateExit {
  if (state.queryLanguage === "JSONata") {
    const b = bindings(ctx, { input, result });
    return withAssigned(state.output !== undefined ? evaluateTemplate(state.output, b, "Output") : result, assignJsonata(state.assign, b, "Assign"));
  }
  const selected = inspected(ctx, "afterResultSelector", state.resultSelector !== undefined ? applyResultSelector(state.resultSelector, result, ctx) : result);
  const assigned = assignJsonPath(state.assign, selected, ctx);
  return withAssigned(applyOutputPath(state.outputPath, inspected(ctx, "afterResultPath", applyResultPath(input, selected, state.resultPath)), ctx), assigned);
}

/**
 * States that compute their output from their input alone (Pass, Succeed, Choice's state-level
 * fields, Wait): JSONPath `result` is what Result/Parameters made (Pass) or the effective input.
 */
export function plainExit(state: StateDefinition, input: JsonValue, ctx: DataContext, jsonPathResult?: (effective: JsonValue) => JsonValue, fields?: { output?: JsonValue; assign?: JsonObject; at?: string }): StateExit {
  const output = fields && "output" in fields ? fields.output : state.output;
  const assign = fields && "assign" in fields ? fields.assign : state.assign;
  const at = fields?.at ?? "";
  if (state.queryLanguage === "JSONata") {
    const b = bindings(ctx, { input });
    return withAssigned(output !== undefined ? evaluateTemplate(output, b, `${at}Output`) : input, assignJsonata(assign, b, `${at}Assign`));
  }
  const effective = inspected(ctx, "afterInputPath", applyInputPath(state.inputPath, input, ctx));
  const result = jsonPathResult ? inspected(ctx, "result", jsonPathResult(effective)) : effective;
  const withResult = jsonPathResult && "resultPath" in state ? inspected(ctx, "afterResultPath", applyResultPath(input, result, state.resultPath)) : result;
  return withAssigned(applyOutputPath(state.outputPath, withResult, ctx), assignJsonPath(assign, result, ctx));
}

/** A StateExit; `assigned` only when the state assigns (this runs on every transition: no spread). */
function withAssigned(output: JsonValue, assigned: Record<string, JsonValue> | undefined): StateExit {
  return assigned === undefined ? { output } : { output, assigned };
}

/** A caught error: the catcher's output (ResultPath, or JSONata Output) and its assignments. */
export function catchExit(state: StateDefinition, caught: CatchSelection, input: JsonValue, ctx: DataContext): StateExit {
  const errorOutput = caught.errorOutput as unknown as JsonValue;
  const at = `Catch[${caught.catcher}]/`;
  if (state.queryLanguage === "JSONata") {
    const b = bindings(ctx, { input, errorOutput });
    const output = caught.output !== undefined ? evaluateTemplate(caught.output as JsonValue, b, `${at}Output`) : errorOutput;
    return withAssigned(output, assignJsonata(caught.assign as JsonObject | undefined, b, `${at}Assign`));
  }
  return withAssigned(applyResultPath(input, errorOutput, caught.resultPath), assignJsonPath(caught.assign as JsonObject | undefined, errorOutput, ctx));
}

function assignJsonata(assign: JsonObject | undefined, b: JsonataBindings, field: string): Record<string, JsonValue> | undefined {
  return assign ? checked(evaluateTemplate(assign, b, field) as Record<string, JsonValue>) : undefined;
}

function assignJsonPath(assign: JsonObject | undefined, doc: JsonValue, ctx: DataContext): Record<string, JsonValue> | undefined {
  return assign ? checked(applyPayloadTemplate(assign, doc, ctx) as Record<string, JsonValue>) : undefined;
}

/** AWS's quota: the values one state assigns may not exceed 256 KiB together. */
const MAX_ASSIGN_BYTES = 262_144;

function checked(assigned: Record<string, JsonValue>): Record<string, JsonValue> {
  if (Buffer.byteLength(JSON.stringify(assigned)) > MAX_ASSIGN_BYTES) throw new StatesError("States.Runtime", "The variables assigned by the state exceed the maximum size of 256 KiB.");
  return assigned;
}
