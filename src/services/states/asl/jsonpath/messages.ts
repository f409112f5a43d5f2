/**
 * The causes AWS reports for data-processing failures, in AWS's words where they are known
 * (each quoted from a real execution history; see README.md for the sources and the gaps).
 */
import type { JsonValue } from "./json.js";
import { toJsonText } from "./json.js";

/** A `.$` field whose path selected nothing (States.Runtime). */
export function fieldPathNotFound(path: string, field: string, input: JsonValue): string {
  return `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${toJsonText(input)}'`;
}

/** InputPath, OutputPath, ItemsPath… that selected nothing (States.Runtime); `detail` is Jayway's message. */
export function invalidPath(path: string, detail: string): string {
  return `Invalid path '${path}' : ${detail}`;
}

/** ResultPath that cannot be applied to the state's input (States.ResultPathMatchFailure). */
export function resultPathNotApplicable(path: string, input: JsonValue): string {
  return `Unable to apply ReferencePath ${path} to input ${toJsonText(input)}`;
}

/** Definition: a `.$` field whose value is neither a path nor a valid call. */
export function invalidFieldValue(field: string): string {
  return `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`;
}

/** Definition: a field that takes a Path (InputPath, OutputPath). */
export function invalidJsonPathField(field: string): string {
  return `The value for the field '${field}' must be a valid JSONPath`;
}

/** Definition: a field that takes a Reference Path (ResultPath, ItemsPath). */
export function invalidReferencePathField(field: string): string {
  return `The value for the field '${field}' must be a valid ReferencePath`;
}

/** Runtime failure of an intrinsic function's arguments or data (States.IntrinsicFailure). */
export function intrinsicArgumentsInvalid(name: string, detail: string): string {
  return `Invalid arguments in ${name}: ${detail}`;
}
