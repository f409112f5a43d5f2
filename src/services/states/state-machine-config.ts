/**
 * The settings CreateStateMachine and UpdateStateMachine share: definition, logging, tracing
 * and encryption, checked as AWS checks them and filled with AWS's defaults.
 */
import { parseDefinition } from "./definition-check.js";
import { StatesErrors } from "./errors.js";
import type { LoggingConfiguration, StateMachineRecord, StateMachineType } from "./types.js";

/** Definitions are at most 1 MB (UTF-8). */
const MAX_DEFINITION_BYTES = 1_048_576;
const LOG_LEVELS = new Set(["ALL", "ERROR", "FATAL", "OFF"]);

export function checkedDefinition(definition: string, type: StateMachineType): string {
  if (Buffer.byteLength(definition) > MAX_DEFINITION_BYTES) {
    throw StatesErrors.validation("1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to 1048576");
  }
  parseDefinition(definition, type);
  return definition;
}

export function loggingConfiguration(input: Partial<LoggingConfiguration> | undefined, current?: LoggingConfiguration): LoggingConfiguration {
  const next: LoggingConfiguration = { level: "OFF", includeExecutionData: false, ...current, ...input } as LoggingConfiguration;
  if (!LOG_LEVELS.has(next.level)) throw StatesErrors.validation(`1 validation error detected: Value '${next.level}' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]`);
  if (next.level !== "OFF" && !(next.destinations?.length)) throw StatesErrors.invalidLogging("Invalid Logging Configuration: Must specify exactly one Log Destination.");
  if ((next.destinations?.length ?? 0) > 1) throw StatesErrors.invalidLogging("Invalid Logging Configuration: Must specify exactly one Log Destination.");
  return next;
}

export function encryptionConfiguration(input: StateMachineRecord["encryptionConfiguration"] | undefined): StateMachineRecord["encryptionConfiguration"] {
  if (!input) return { type: "AWS_OWNED_KEY" };
  if (input.type !== "AWS_OWNED_KEY" && input.type !== "CUSTOMER_MANAGED_KMS_KEY") {
    throw StatesErrors.validation(`1 validation error detected: Value '${input.type}' at 'encryptionConfiguration.type' failed to satisfy constraint: Member must satisfy enum value set: [CUSTOMER_MANAGED_KMS_KEY, AWS_OWNED_KEY]`);
  }
  return { ...input };
}
