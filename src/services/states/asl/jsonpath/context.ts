/**
 * What a state's data processing can read besides its input: the context object (`$$`) and
 * the workflow variables (`$name`), plus the injectable sources of randomness.
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 */
import type { JsonValue } from "./json.js";
import type { IntrinsicOptions } from "./intrinsic-functions.js";

/** The context object's shape, as AWS documents it (every field a JSON value). */
export interface ContextObject {
  Execution: {
    Id: string;
    Input: JsonValue;
    Name: string;
    RoleArn: string;
    /** ISO 8601, e.g. "2019-03-26T20:14:13.192Z". */
    StartTime: string;
    RedriveCount: number;
    RedriveTime?: string;
  };
  State: { EnteredTime: string; Name: string; RetryCount: number };
  StateMachine: { Id: string; Name: string };
  /** Only inside a Task state's processing: the task token of a callback task. */
  Task?: { Token: string };
  /** Only in a Map state's ItemSelector: the current item (Key for items read from a JSON object). */
  Map?: { Item: { Index: number; Value: JsonValue; Key?: string; Source?: string } };
}

/** Everything but the input that paths and intrinsic functions can read. */
export interface DataContext extends IntrinsicOptions {
  /** `$$`: the context object of the running state. */
  context?: ContextObject | JsonValue;
  /** `$name`: the variables in scope (read-only here; Assign is the interpreter's job). */
  variables?: Readonly<Record<string, JsonValue>>;
  /**
   * Told each intermediate value of a state's data flow (afterInputPath, afterParameters,
   * afterArguments, result, afterResultSelector, afterResultPath): TestState's inspectionData.
   */
  inspect?: (field: string, value: JsonValue) => void;
  /** The clock's time (ms) for JSONata's $now() and $millis(). */
  now?: number;
}

/** The context object as a JSON value (it is one: every field is JSON). */
export function contextDocument(ctx: DataContext): JsonValue {
  return (ctx.context ?? {}) as JsonValue;
}
