/**
 * Step Functions' JSONPath data processing, pure and I/O-free: paths, payload templates,
 * intrinsic functions, InputPath/ResultSelector/ResultPath/OutputPath, and their definition checks.
 * See README.md in this folder for what is covered and what is not.
 */
export type { JsonObject, JsonPrimitive, JsonValue } from "./json.js";
export { jsonEquals, javaToString } from "./json.js";
export type { ContextObject, DataContext } from "./context.js";
export type { DefinitionProblem, StatesErrorName } from "./errors.js";
export { StatesError, StatesErrorNames, formatDefinitionProblem, isStatesError, withStatePrefix } from "./errors.js";
export type { ParsedPath, PathRoot, Segment } from "./path-ast.js";
export { PathSyntaxError } from "./path-ast.js";
export { isValidPath, parsePath } from "./path-parser.js";
export type { IntrinsicArg, IntrinsicCall, IntrinsicName } from "./intrinsic-parser.js";
export { INTRINSIC_NAMES, IntrinsicSyntaxError, looksLikeIntrinsic, parseIntrinsic, tryParseIntrinsic } from "./intrinsic-parser.js";
export type { IntrinsicOptions } from "./intrinsic-functions.js";
export { HASH_ALGORITHMS } from "./intrinsic-functions.js";
export { evaluateParsedIntrinsic } from "./intrinsic-eval.js";
export {
  applyInputPath,
  applyItemSelector,
  applyOutputPath,
  applyParameters,
  applyPayloadTemplate,
  applyResultPath,
  applyResultSelector,
  evaluateIntrinsic,
  evaluatePath,
  resolveField,
} from "./processing.js";
export type { PathRules, TemplateRules } from "./validate.js";
export { intrinsicProblem, pathProblem, validatePath, validateTemplate } from "./validate.js";
export * from "./limits.js";
