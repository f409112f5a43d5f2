/**
 * The validated, normalised state machine the interpreter runs: every state by name, with its
 * Choice rules, Wait timing, retriers and catchers already compiled and its defaults filled in.
 * Values the interpreter evaluates (payload templates, JSONata expressions, Assign blocks) are kept
 * as written.
 */
import type { JsonObject, JsonValue } from "../jsonpath/json.js";
import type { Catcher } from "../rules/catch.js";
import type { ChoiceStateRules } from "../rules/choice-rules.js";
import type { Retrier } from "../rules/retry.js";
import type { WaitTiming } from "../rules/wait.js";
import type { TaskResource } from "./resource.js";

export type QueryLanguage = "JSONPath" | "JSONata";
export type StateType = "Pass" | "Task" | "Choice" | "Wait" | "Succeed" | "Fail" | "Parallel" | "Map";

export const STATE_TYPES: readonly StateType[] = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"];

export interface ParsedDefinition {
  readonly comment?: string;
  readonly version?: string;
  /** The execution's timeout, when the definition sets one. */
  readonly timeoutSeconds?: number;
  /** The top-level QueryLanguage (JSONPath when absent). */
  readonly queryLanguage: QueryLanguage;
  readonly startAt: string;
  /** Top-level states in definition order. */
  readonly states: ReadonlyMap<string, StateDefinition>;
  /** Every state at any depth, by name: names are unique in the whole state machine. */
  readonly allStates: ReadonlyMap<string, StateDefinition>;
  /** The definition as parsed. */
  readonly raw: JsonObject;
}

/** A Parallel branch or a Map's ItemProcessor: a state machine of its own. */
export interface SubMachine {
  readonly comment?: string;
  readonly startAt: string;
  readonly states: ReadonlyMap<string, StateDefinition>;
}

/**
 * A value that is either given in the definition, read from the input by a JSONPath
 * (`...Path` fields) or computed by a JSONata expression ("{% ... %}").
 */
export type Dynamic<T> =
  | { readonly kind: "value"; readonly value: T }
  | { readonly kind: "path"; readonly path: string }
  | { readonly kind: "jsonata"; readonly expression: string };

interface StateBase {
  readonly name: string;
  readonly comment?: string;
  /** The state's effective QueryLanguage. */
  readonly queryLanguage: QueryLanguage;
  /** JSON location of the state, e.g. `/States/P/Branches[0]/States/Work`. */
  readonly location: string;
  /** Next state, or undefined when the state ends its (sub-)machine or chooses (Choice). */
  readonly next?: string;
  /** True for `End: true`, Succeed and Fail. */
  readonly end: boolean;
  /** JSONPath: InputPath / OutputPath as written (undefined: "$"; null: {} / discard). */
  readonly inputPath?: string | null;
  readonly outputPath?: string | null;
  /** Assign block as written (JSONPath templates or JSONata expressions). */
  readonly assign?: JsonObject;
  /** JSONata Output as written. */
  readonly output?: JsonValue;
  readonly raw: JsonObject;
}

/** Fields of states that produce a result (Pass, Task, Parallel, Map). */
interface ResultFields {
  /** JSONPath ResultPath: undefined means "$" (result replaces input), null discards the result. */
  readonly resultPath?: string | null;
}

export interface PassState extends StateBase, ResultFields {
  readonly type: "Pass";
  readonly result?: JsonValue;
  readonly parameters?: JsonValue;
}

export interface TaskState extends StateBase, ResultFields {
  readonly type: "Task";
  readonly resource: TaskResource;
  /** JSONPath Parameters or JSONata Arguments. */
  readonly parameters?: JsonValue;
  readonly arguments?: JsonValue;
  readonly resultSelector?: JsonObject;
  /** Default 60 seconds for activities and callbacks is AWS's; absent here means "not set". */
  readonly timeoutSeconds?: Dynamic<number>;
  readonly heartbeatSeconds?: Dynamic<number>;
  /** The role to assume: an object, or a JSONata expression. */
  readonly credentials?: JsonValue;
  readonly retry: readonly Retrier[];
  readonly catch: readonly Catcher[];
}

/** A JSONata Choice rule: `Condition` evaluated as a boolean. */
export interface JsonataChoice {
  readonly condition: boolean | string;
  readonly next: string;
  readonly assign?: JsonObject;
  readonly output?: JsonValue;
}

export type ChoiceRules =
  | { readonly language: "JSONPath"; readonly rules: ChoiceStateRules }
  | { readonly language: "JSONata"; readonly choices: readonly JsonataChoice[]; readonly default?: string };

export interface ChoiceState extends StateBase {
  readonly type: "Choice";
  readonly choices: ChoiceRules;
  readonly default?: string;
}

export type WaitSpec =
  | { readonly language: "JSONPath"; readonly timing: WaitTiming }
  | { readonly language: "JSONata"; readonly seconds?: Dynamic<number>; readonly timestamp?: Dynamic<string> };

export interface WaitState extends StateBase {
  readonly type: "Wait";
  readonly wait: WaitSpec;
}

export interface SucceedState extends StateBase {
  readonly type: "Succeed";
}

export interface FailState extends StateBase {
  readonly type: "Fail";
  /** Error / Cause as literals, from a path or intrinsic (ErrorPath/CausePath) or a JSONata expression. */
  readonly error?: Dynamic<string>;
  readonly cause?: Dynamic<string>;
}

export interface ParallelState extends StateBase, ResultFields {
  readonly type: "Parallel";
  readonly branches: readonly SubMachine[];
  readonly parameters?: JsonValue;
  readonly arguments?: JsonValue;
  readonly resultSelector?: JsonObject;
  readonly retry: readonly Retrier[];
  readonly catch: readonly Catcher[];
}

export interface ItemBatcher {
  readonly maxItemsPerBatch?: Dynamic<number>;
  readonly maxInputBytesPerBatch?: Dynamic<number>;
  readonly batchInput?: JsonValue;
}

export interface MapState extends StateBase, ResultFields {
  readonly type: "Map";
  readonly processor: SubMachine;
  readonly mode: "INLINE" | "DISTRIBUTED";
  /** DISTRIBUTED only: the child workflows' type. */
  readonly executionType?: "STANDARD" | "EXPRESS";
  /** Whether the definition used the legacy `Iterator` field. */
  readonly legacyIterator: boolean;
  /** JSONPath ItemsPath (undefined: "$"). */
  readonly itemsPath?: string;
  /** JSONata Items (an array or an expression). */
  readonly items?: JsonValue;
  /** ItemSelector, or the legacy Parameters, as written. */
  readonly itemSelector?: JsonValue;
  /** 0 (the default) means no limit. */
  readonly maxConcurrency: Dynamic<number>;
  readonly toleratedFailurePercentage?: Dynamic<number>;
  readonly toleratedFailureCount?: Dynamic<number>;
  readonly itemBatcher?: ItemBatcher;
  readonly label?: string;
  readonly resultSelector?: JsonObject;
  readonly retry: readonly Retrier[];
  readonly catch: readonly Catcher[];
}

export type StateDefinition = PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;
