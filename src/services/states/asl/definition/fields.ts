/**
 * Which fields each state type accepts, and which of them belong to one query language only.
 * https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */
import type { StateType } from "./model.js";

const COMMON = ["Type", "Comment", "QueryLanguage"];
const TRANSITION = ["Next", "End"];

/** Every field a state of each type may carry, in either query language. */
export const STATE_FIELDS: Readonly<Record<StateType, ReadonlySet<string>>> = {
  Pass: new Set([...COMMON, ...TRANSITION, "InputPath", "OutputPath", "ResultPath", "Parameters", "Result", "Assign", "Output"]),
  Task: new Set([
    ...COMMON, ...TRANSITION, "Resource", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch",
    "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials", "Assign", "Arguments", "Output",
  ]),
  Choice: new Set([...COMMON, "Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"]),
  Wait: new Set([...COMMON, ...TRANSITION, "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "InputPath", "OutputPath", "Assign", "Output"]),
  Succeed: new Set([...COMMON, "InputPath", "OutputPath", "Output"]),
  Fail: new Set([...COMMON, "Error", "ErrorPath", "Cause", "CausePath"]),
  Parallel: new Set([
    ...COMMON, ...TRANSITION, "Branches", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch",
    "Assign", "Arguments", "Output",
  ]),
  Map: new Set([
    ...COMMON, ...TRANSITION, "Iterator", "ItemProcessor", "ItemsPath", "Items", "ItemSelector", "Parameters", "MaxConcurrency",
    "MaxConcurrencyPath", "ItemReader", "ItemBatcher", "ResultWriter", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
    "ToleratedFailureCount", "ToleratedFailureCountPath", "Label", "InputPath", "OutputPath", "ResultPath", "ResultSelector", "Retry",
    "Catch", "Assign", "Output",
  ]),
};

/**
 * Fields a JSONata state refuses ("The QueryLanguage is set to 'JSONata', but field 'X' is only
 * supported for the 'JSONPath' QueryLanguage"), in the order diagnostics are reported.
 */
export const JSONPATH_ONLY_FIELDS: readonly string[] = [
  "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Result", "ItemsPath", "SecondsPath", "TimestampPath",
  "TimeoutSecondsPath", "HeartbeatSecondsPath", "ErrorPath", "CausePath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath",
  "ToleratedFailureCountPath",
];

/** Fields a JSONPath state refuses, in the order diagnostics are reported. */
export const JSONATA_ONLY_FIELDS: readonly string[] = ["Output", "Arguments", "Items"];

/** Top-level fields of a state machine. */
export const MACHINE_FIELDS: ReadonlySet<string> = new Set(["Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage"]);
/** Fields of a Parallel branch and of a Map's Iterator. */
export const BRANCH_FIELDS: ReadonlySet<string> = new Set(["Comment", "StartAt", "States"]);
/** Fields of a Map's ItemProcessor. */
export const PROCESSOR_FIELDS: ReadonlySet<string> = new Set(["Comment", "StartAt", "States", "ProcessorConfig"]);
