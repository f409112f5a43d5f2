/**
 * AWS event patterns: one engine for SNS filter policies, EventBridge rules and Lambda event
 * filtering (DESIGN §4). See README.md for the operators, the modes and what is not emulated.
 */
export { compilePattern, type CompileOptions, type CompiledPattern, type FilterPolicyScope } from "./compile.js";
export { EventPatternError, isEventPatternError } from "./errors.js";
export { flattenEvent, type FlatEvent } from "./flatten.js";
export { SNS_MAX_COMBINATIONS, SNS_MAX_KEYS, SNS_MAX_POLICY_BYTES, type PatternMode } from "./modes.js";
export { snsAttributesEvent, snsBodyEvent, snsFilterEvent, type MessageAttributeInput } from "./sns-message.js";
export { PatternSet } from "./pattern-set.js";
