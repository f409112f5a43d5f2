/**
 * TestState: runs one state on an input and reports its output, the next state and how it
 * ended (SUCCEEDED, CAUGHT_ERROR, RETRIABLE, FAILED). A Task calls its service for real unless
 * `mock` gives its result or error; a Wait does not wait.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
 * `variables` sets the workflow variables the state sees; inspectionData carries the input, a
 * Task's result and the variables after the state (not the intermediate values: LIMITATIONS.md).
 */
import type { RequestContext } from "../../../core/service.js";
import { newUuid } from "../../../core/ids.js";
import { newSnapshot, step } from "../asl/interpreter/step.js";
import type { HistoryEvent, StepEnv, StepInput } from "../asl/interpreter/types.js";
import type { JsonValue } from "../asl/jsonpath/json.js";
import { parseDefinition } from "../definition-check.js";
import { StatesErrors } from "../errors.js";
import { newTaskToken } from "../executions/task-token.js";
import type { StatesService } from "../states-service.js";

interface TestStateInput {
  definition: string;
  roleArn?: string;
  input?: string;
  stateName?: string;
  /** The workflow variables in scope, as a JSON object. */
  variables?: string;
  mock?: { result?: string; errorOutput?: { error?: string; cause?: string } };
}

export async function testState(input: TestStateInput, ctx: RequestContext, sfn: StatesService) {
  const { machine, name } = machineFor(input);
  const def = parseDefinition(JSON.stringify(machine));
  let stateInput: unknown;
  try {
    stateInput = JSON.parse(input.input ?? "{}");
  } catch (err) {
    throw StatesErrors.invalidExecutionInput((err as Error).message);
  }
  let variables: Record<string, JsonValue> = {};
  if (input.variables !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.variables);
    } catch (err) {
      throw StatesErrors.validation(`Invalid variables: ${(err as Error).message}`);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw StatesErrors.validation("Invalid variables: they must be a JSON object");
    variables = parsed as Record<string, JsonValue>;
  }
  const arn = `arn:aws:states:${ctx.region}:${ctx.accountId}:execution:TestState:${newUuid()}`;
  const inspection: Record<string, unknown> = {};
  const env: StepEnv = {
    now: ctx.clock.now(),
    executionArn: arn,
    executionName: "TestState",
    stateMachineArn: `arn:aws:states:${ctx.region}:${ctx.accountId}:stateMachine:TestState`,
    stateMachineName: "TestState",
    roleArn: input.roleArn ?? "",
    startTime: new Date(ctx.clock.now()).toISOString(),
    region: ctx.region,
    accountId: ctx.accountId,
    random: Math.random,
    newToken: () => newTaskToken(arn),
    newUuid,
    // The tested state's intermediate values; those of states inside a Parallel or Map are not its own.
    inspect: (stateName, field, value) => {
      // errorDetails is a structure of numbers; the data flow's values are JSON text.
      if (stateName === name) inspection[field] = field === "errorDetails" ? value : JSON.stringify(value);
    },
  };
  const events: HistoryEvent[] = [];
  let result = step(def, { ...newSnapshot(stateInput as JsonValue), variables }, { kind: "start" }, env);
  events.push(...result.events);
  let taskResult: JsonValue | undefined;
  if (result.commands.some((c) => c.kind === "mapRunStarted")) throw StatesErrors.validation("TestState does not run a Distributed Map's child executions in Stratus");
  const task = result.commands.find((c) => c.kind === "task");
  if (task && task.kind === "task") {
    const outcome: StepInput = input.mock?.errorOutput
      ? { kind: "taskFailed", error: input.mock.errorOutput.error ?? "", cause: input.mock.errorOutput.cause }
      : input.mock?.result !== undefined
        ? { kind: "taskSucceeded", output: JSON.parse(input.mock.result) as JsonValue }
        : task.call.kind === "activity" || (task.call.kind === "integration" && task.call.service === "states")
          ? { kind: "taskFailed", error: "States.Runtime", cause: "TestState cannot run this resource without a mock" }
          : await sfn.executor.callTask({ accountId: ctx.accountId, region: ctx.region }, task.call);
    if (outcome.kind === "taskSucceeded") taskResult = outcome.output;
    const answer = task.call.token && outcome.kind === "taskSucceeded" ? { ...outcome, token: task.call.token } : { ...outcome, callId: task.callId };
    result = step(def, result.snapshot, answer as StepInput, env);
    events.push(...result.events);
  }
  return report(name, def.allStates.get(name)?.next, events, result.snapshot.current?.waiting, stateInput, taskResult, result.snapshot.variables, inspection);
}

/** The machine to run: the given one (with stateName), or a single state wrapped so that its targets exist. */
function machineFor(input: TestStateInput): { machine: Record<string, unknown>; name: string } {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(input.definition) as Record<string, unknown>;
  } catch (err) {
    throw StatesErrors.invalidDefinition(`Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(err as Error).message}'`);
  }
  if (doc && typeof doc === "object" && "States" in doc) {
    const states = doc.States as Record<string, unknown>;
    const name = input.stateName ?? (doc.StartAt as string);
    if (!states || !(name in states)) throw StatesErrors.validation(`State '${name}' does not exist in the definition`);
    return { machine: { ...doc, StartAt: name }, name };
  }
  const name = input.stateName ?? "TestState";
  const states: Record<string, unknown> = { [name]: doc };
  // The state's targets, as placeholders, so that the state can be run alone.
  for (const target of targetsOf(doc)) if (!(target in states)) states[target] = { Type: "Succeed" };
  return { machine: { StartAt: name, States: states }, name };
}

function targetsOf(state: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (typeof state.Next === "string") out.push(state.Next);
  if (typeof state.Default === "string") out.push(state.Default);
  for (const list of [state.Choices, state.Catch]) if (Array.isArray(list)) for (const c of list) if (typeof c?.Next === "string") out.push(c.Next);
  return out;
}

function report(name: string, declaredNext: string | undefined, events: HistoryEvent[], waiting: { kind: string; output?: JsonValue; assigned?: Record<string, JsonValue> } | undefined, input: unknown, taskResult: JsonValue | undefined, variables: Record<string, JsonValue>, inspection: Record<string, unknown>) {
  // A Wait is not waited out, so what it assigns is reported as if it had been.
  const after = waiting?.kind === "timer" && waiting.assigned ? { ...variables, ...waiting.assigned } : variables;
  const inspectionData = { input: JSON.stringify(input), ...inspection, ...(taskResult !== undefined ? { result: JSON.stringify(taskResult) } : {}), variables: JSON.stringify(after) };
  const failed = events.find((e) => e.type === "ExecutionFailed")?.executionFailedEventDetails as { error?: string; cause?: string } | undefined;
  if (failed) return { status: "FAILED", error: failed.error, cause: failed.cause, inspectionData };
  if (waiting?.kind === "retry") {
    const last = [...events].reverse().find((e) => /Failed$|TimedOut$/.test(e.type));
    const d = last ? (Object.entries(last).find(([k]) => k.endsWith("EventDetails"))?.[1] as { error?: string; cause?: string } | undefined) : undefined;
    return { status: "RETRIABLE", error: d?.error, cause: d?.cause, inspectionData };
  }
  const exited = events.find((e) => e.type.endsWith("StateExited") && (e.stateExitedEventDetails as { name?: string } | undefined)?.name === name);
  const entered = events.filter((e) => e.type.endsWith("StateEntered")).map((e) => (e.stateEnteredEventDetails as { name: string }).name);
  // A Wait is not waited out: its next state is the one it names.
  const nextState = waiting?.kind === "timer" ? declaredNext : entered.find((n) => n !== name);
  const caught = events.some((e) => /(Task|LambdaFunction|Activity)Failed$|TimedOut$|Parallel.*Failed|MapStateFailed/.test(e.type));
  const output = exited ? (exited.stateExitedEventDetails as { output: string }).output : waiting?.kind === "timer" ? JSON.stringify(waiting.output) : undefined;
  return { status: caught ? "CAUGHT_ERROR" : "SUCCEEDED", output, nextState, inspectionData };
}
