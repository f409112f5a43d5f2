/**
 * The definition check Create/UpdateStateMachine and ValidateStateMachineDefinition apply,
 * done by the validator in asl/definition/.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html
 */
import { invalidDefinitionMessage, validateDefinition, type Diagnostic } from "./asl/definition/index.js";
import type { ParsedDefinition } from "./asl/definition/model.js";
import { StatesErrors } from "./errors.js";
import type { StateMachineType } from "./types.js";

export type { Diagnostic };

/** Every diagnostic (errors and warnings) for ValidateStateMachineDefinition. */
export function checkDefinition(text: string, type?: StateMachineType): Diagnostic[] {
  return [...validateDefinition(text, { type }).diagnostics];
}

/** The parsed definition, or InvalidDefinition with AWS's message. */
export function parseDefinition(text: string, type?: StateMachineType): ParsedDefinition {
  const result = validateDefinition(text, { type });
  if (!result.ok) throw StatesErrors.invalidDefinition(invalidDefinitionMessage(result.diagnostics));
  return result.definition;
}
