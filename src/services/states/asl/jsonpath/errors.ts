/**
 * Step Functions errors raised while processing data, as AWS names them.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */

/** The predefined error names (States.*) of the Amazon States Language. */
export const StatesErrorNames = {
  ALL: "States.ALL",
  BranchFailed: "States.BranchFailed",
  DataLimitExceeded: "States.DataLimitExceeded",
  ExceedToleratedFailureThreshold: "States.ExceedToleratedFailureThreshold",
  HeartbeatTimeout: "States.HeartbeatTimeout",
  HttpSocket: "States.Http.Socket",
  IntrinsicFailure: "States.IntrinsicFailure",
  ItemReaderFailed: "States.ItemReaderFailed",
  NoChoiceMatched: "States.NoChoiceMatched",
  ParameterPathFailure: "States.ParameterPathFailure",
  Permissions: "States.Permissions",
  QueryEvaluationError: "States.QueryEvaluationError",
  ResultPathMatchFailure: "States.ResultPathMatchFailure",
  ResultWriterFailed: "States.ResultWriterFailed",
  Runtime: "States.Runtime",
  TaskFailed: "States.TaskFailed",
  Timeout: "States.Timeout",
} as const;

export type StatesErrorName = (typeof StatesErrorNames)[keyof typeof StatesErrorNames];

/**
 * A failure of the state machine's data processing: `error` is the AWS error name a Catch or
 * Retry matches on, `cause` the text AWS reports as the cause (without the
 * "An error occurred while executing the state '…' (entered at the event id #N). " prefix,
 * which only the interpreter knows: see `withStatePrefix`).
 */
export class StatesError extends Error {
  readonly error: string;
  override readonly cause: string;

  constructor(error: string, cause: string) {
    super(`${error}: ${cause}`);
    this.name = "StatesError";
    this.error = error;
    this.cause = cause;
  }
}

export function isStatesError(err: unknown): err is StatesError {
  return err instanceof StatesError;
}

export const runtimeError = (cause: string): StatesError => new StatesError(StatesErrorNames.Runtime, cause);
export const intrinsicFailure = (cause: string): StatesError => new StatesError(StatesErrorNames.IntrinsicFailure, cause);
export const resultPathMatchFailure = (cause: string): StatesError =>
  new StatesError(StatesErrorNames.ResultPathMatchFailure, cause);

/**
 * The cause as AWS reports a States.Runtime failure in the execution history:
 * "An error occurred while executing the state 'Glue StartJobRun' (entered at the event id #8). <cause>".
 */
export function withStatePrefix(cause: string, stateName: string, enteredEventId: number): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${cause}`;
}

/**
 * A problem found while validating a definition, as CreateStateMachine reports it:
 * `SCHEMA_VALIDATION_FAILED: <message> at <location>`. `location` is a JSON pointer relative to
 * the validated value (the object that holds the field); the validator of the whole definition
 * prefixes it with the state's pointer (`/States/<name>/Parameters`).
 */
export interface DefinitionProblem {
  code: "SCHEMA_VALIDATION_FAILED";
  message: string;
  location: string;
  /** Why, in more words than AWS gives (for logs; not part of AWS's message). */
  detail?: string;
}

/** "SCHEMA_VALIDATION_FAILED: <message> at <prefix><location>", AWS's wording for one problem. */
export function formatDefinitionProblem(problem: DefinitionProblem, prefix = ""): string {
  return `${problem.code}: ${problem.message} at ${prefix}${problem.location}`;
}
