/**
 * Diagnostics as ValidateStateMachineDefinition returns them, and the InvalidDefinition message
 * CreateStateMachine / UpdateStateMachine build from them.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinitionDiagnostic.html
 */
import type { Diagnostic as RuleDiagnostic } from "../rules/errors.js";
import type { DefinitionProblem } from "../jsonpath/errors.js";

/** The codes AWS documents for ValidateStateMachineDefinitionDiagnostic that a definition can raise. */
export const DiagnosticCodes = {
  InvalidJson: "INVALID_JSON_DESCRIPTION",
  SchemaValidationFailed: "SCHEMA_VALIDATION_FAILED",
  InvalidResource: "INVALID_RESOURCE",
  MissingEndState: "MISSING_END_STATE",
  DuplicateStateName: "DUPLICATE_STATE_NAME",
  InvalidStateName: "INVALID_STATE_NAME",
  MissingTransitionTarget: "MISSING_TRANSITION_TARGET",
  /** Warnings. */
  NoDollar: "NO_DOLLAR",
  PassResultIsStatic: "PASS_RESULT_IS_STATIC",
} as const;

export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];
export type Severity = "ERROR" | "WARNING";

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** JSON location (`/States/X/Retry[0]`), Jackson's source location for JSON errors, or none. */
  readonly location?: string;
}

export function error(code: DiagnosticCode, message: string, location?: string): Diagnostic {
  return location === undefined ? { severity: "ERROR", code, message } : { severity: "ERROR", code, message, location };
}

export function schema(message: string, location: string): Diagnostic {
  return error(DiagnosticCodes.SchemaValidationFailed, message, location);
}

export function warning(code: DiagnosticCode, message: string, location: string): Diagnostic {
  return { severity: "WARNING", code, message, location };
}

/** A diagnostic of the rules module (Choice, Wait, Retry, Catch). */
export function fromRule(d: RuleDiagnostic): Diagnostic {
  return schema(d.message, d.location);
}

/** A problem of the jsonpath module; its location is relative to `base`. */
export function fromProblem(p: DefinitionProblem, base: string): Diagnostic {
  return schema(p.message, `${base}${p.location}`);
}

/**
 * CreateStateMachine's InvalidDefinition message: every ERROR as `CODE: message at location`,
 * joined by ", " inside one pair of quotes (observed: "Invalid State Machine Definition:
 * 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next,
 * MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'"). A diagnostic
 * without a location reads "at null" (reported for MISSING_END_STATE). A JSON syntax error already
 * carries its location in its message, so nothing is appended to it.
 */
export function invalidDefinitionMessage(diagnostics: readonly Diagnostic[]): string {
  const parts = diagnostics
    .filter((d) => d.severity === "ERROR")
    .map((d) => (d.code === DiagnosticCodes.InvalidJson ? `${d.code}: ${d.message}` : `${d.code}: ${d.message} at ${d.location ?? "null"}`));
  return `Invalid State Machine Definition: '${parts.join(", ")}'`;
}

/** AWS's sentences used by this folder (see README for which were observed). */
export const Sentences = {
  /** (observed) */
  notAnObject: "Definition must be a valid JSON object",
  /** (observed, a Next / Default / Choices[].Next / Catch[].Next / StartAt naming no state of its scope) */
  missingTarget: (target: string) => `Missing 'Next' target: ${target}`,
  /** (observed) */
  unreachable: (name: string) => `State "${name}" is not reachable.`,
  /** (reported by users of CreateStateMachine) */
  noTerminalState: "Workflow has no terminal state",
  /** (reported by users of CreateStateMachine) */
  duplicateName: (name: string) => `Duplicate State name: ${name}`,
  /** (observed) */
  nameTooLong: (name: string, max: number) => `Invalid State name: State '${name}' exceeds the ${max}-character limit allowed by the service`,
  /** (observed, an aws-sdk ARN AWS does not know) */
  resourceNotRecognized: (resource: string) =>
    `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`,
  /** (observed, trailing space included) */
  expressIntegration: (pattern: string) => `Express state machine does not support '.${pattern}' service integration `,
  expressActivity: "Express state machine does not support Activity ARN",
  /** Our wording: AWS's sentence for this case is not documented. */
  expressDistributedMap: "Express state machine does not support Map state in DISTRIBUTED mode",
  /** (observed) */
  queryLanguageDowngrade: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
  /** (reported as measured on AWS by another emulator's tests) */
  wrongLanguageField: (language: "JSONPath" | "JSONata", field: string) =>
    `The QueryLanguage is set to '${language}', but field '${field}' is only supported for the '${language === "JSONPath" ? "JSONata" : "JSONPath"}' QueryLanguage`,
  /** Ours: Stratus has no Amazon S3. */
  needsS3: (field: string) =>
    `Field '${field}' is not supported by Stratus: it reads or writes Amazon S3, which Stratus does not emulate`,
  /** Ours. */
  heartbeatNotBelowTimeout: "HeartbeatSeconds must be smaller than TimeoutSeconds",
  /** Ours. */
  invalidVariableName: (name: string) => `The variable name '${name}' is not valid: it must start with a letter or '_' and contain only letters, digits and '_'`,
  /** Ours. */
  notJsonata: "The value must be a JSONata expression enclosed in '{%' and '%}'",
  /** Ours (warnings). */
  noDollar: (field: string) => `The field '${field}' holds a value that looks like a JSONPath or intrinsic function but its name does not end with '.$'; it is passed as a literal string`,
  passResultIsStatic: (field: string) => `The field '${field}' of a Pass state's Result is static: paths are not evaluated in Result`,
} as const;
