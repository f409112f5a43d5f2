/** Pure building blocks of the Step Functions interpreter: Choice, Wait, Retry and Catch rules. */
export { StatesErrors, stateFailureCause, invalidDefinitionMessage, type Diagnostic, type Outcome, type StatesFailure } from "./errors.js";
export { defaultPathChecker, type PathChecker } from "./validation.js";
export { parseTimestamp, compareInstants, isTimestamp, type Instant } from "./timestamps.js";
export { compileStringPattern, matchesStringPattern, type StringPattern } from "./string-matches.js";
export { COMPARISON_OPERATORS } from "./choice-operators.js";
export {
  compileChoiceState,
  compileChoiceRule,
  type ChoiceRule,
  type ChoiceStateRules,
  type Compiled,
  type CompileOptions,
  type DataTest,
  type TopLevelChoice,
} from "./choice-rules.js";
export {
  chooseTransition,
  evaluateChoiceRule,
  invalidChoicePathCause,
  NO_TRANSITION_CAUSE,
  type ChoiceTransition,
  type ReadPath,
} from "./choice-eval.js";
export { compileWait, computeWaitDue, MAX_WAIT_SECONDS, type WaitDue, type WaitTiming } from "./wait.js";
export { errorEqualsMatches, isUncatchable } from "./error-match.js";
export {
  compileRetry,
  decideRetry,
  initialRetryCounts,
  retryDelayMs,
  RETRY_DEFAULTS,
  type Retrier,
  type RetryCounts,
  type RetryDecision,
} from "./retry.js";
export { compileCatch, errorOutput, selectCatcher, type Catcher, type CatchSelection, type ErrorOutput } from "./catch.js";
export { handleStateError, type ErrorHandling } from "./handle-error.js";
