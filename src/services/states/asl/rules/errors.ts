/**
 * Error names, runtime failures and definition diagnostics shared by the rule modules.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */

/** The built-in error names of the States language (all start with `States.`). */
export const StatesErrors = {
  ALL: "States.ALL",
  Runtime: "States.Runtime",
  DataLimitExceeded: "States.DataLimitExceeded",
  Timeout: "States.Timeout",
  HeartbeatTimeout: "States.HeartbeatTimeout",
  TaskFailed: "States.TaskFailed",
  Permissions: "States.Permissions",
  NoChoiceMatched: "States.NoChoiceMatched",
  BranchFailed: "States.BranchFailed",
  ResultPathMatchFailure: "States.ResultPathMatchFailure",
  ParameterPathFailure: "States.ParameterPathFailure",
  IntrinsicFailure: "States.IntrinsicFailure",
  QueryEvaluationError: "States.QueryEvaluationError",
  ExceedToleratedFailureThreshold: "States.ExceedToleratedFailureThreshold",
  ItemReaderFailed: "States.ItemReaderFailed",
  ResultWriterFailed: "States.ResultWriterFailed",
} as const;

/**
 * A failure a state reports at run time. `cause` is the part AWS writes after the
 * "An error occurred while executing the state ..." prefix (see `stateFailureCause`).
 */
export interface StatesFailure {
  readonly error: string;
  readonly cause: string;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: StatesFailure };

export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function runtimeFailure(cause: string): { ok: false; failure: StatesFailure } {
  return { ok: false, failure: { error: StatesErrors.Runtime, cause } };
}

/**
 * The cause AWS records in ExecutionFailed for a failure raised by the interpreter inside a
 * state, e.g. "An error occurred while executing the state 'Check' (entered at the event id #2).
 * Invalid path '$.x': The choice state's condition path references an invalid value."
 */
export function stateFailureCause(stateName: string, enteredEventId: number, detail: string): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${detail}`;
}

/** A definition-time problem, as ValidateStateMachineDefinition reports it. */
export interface Diagnostic {
  readonly code: "SCHEMA_VALIDATION_FAILED";
  readonly message: string;
  /** JSON location, e.g. `/States/Invoke/Retry[0]/ErrorEquals[0]`. */
  readonly location: string;
}

export function schemaError(message: string, location: string): Diagnostic {
  return { code: "SCHEMA_VALIDATION_FAILED", message, location };
}

/**
 * The InvalidDefinition message CreateStateMachine answers for these diagnostics:
 * "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: <message> at <location>, ...'".
 */
export function invalidDefinitionMessage(diagnostics: readonly Diagnostic[]): string {
  const parts = diagnostics.map((d) => `${d.code}: ${d.message} at ${d.location}`);
  return `Invalid State Machine Definition: '${parts.join(", ")}'`;
}

/**
 * How AWS shows a JSON value inside a cause ("$.x == <value>"): strings as their raw text,
 * everything else as compact JSON.
 */
export function renderValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
