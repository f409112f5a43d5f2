/**
 * The state machine definition validator (CreateStateMachine, UpdateStateMachine,
 * ValidateStateMachineDefinition) and the ParsedDefinition model the interpreter runs.
 * See README.md in this folder for what is validated and what is not.
 */
export { validateDefinition, MAX_STATE_NAME_LENGTH, type ValidationResult } from "./validate.js";
export type { ValidateOptions } from "./common.js";
export { invalidDefinitionMessage, DiagnosticCodes, type Diagnostic, type DiagnosticCode, type Severity } from "./diagnostics.js";
export { readJsonText, type JsonTextResult } from "./json-text.js";
export { readTaskResource, type IntegrationPattern, type TaskResource } from "./resource.js";
export type {
  ChoiceRules,
  ChoiceState,
  Dynamic,
  FailState,
  ItemBatcher,
  JsonataChoice,
  MapState,
  ParallelState,
  ParsedDefinition,
  PassState,
  QueryLanguage,
  StateDefinition,
  StateType,
  SubMachine,
  SucceedState,
  TaskState,
  WaitSpec,
  WaitState,
} from "./model.js";
