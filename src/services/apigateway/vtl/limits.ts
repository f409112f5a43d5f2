/**
 * Limits of API Gateway's mapping-template engine.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 */

/** "Number of iterations in a #foreach ... #end loop in mapping templates": 1000. A loop stops there. */
export const MAX_FOREACH_ITERATIONS = 1_000;

/**
 * "Maximum mapping template size": 300 KB. AWS refuses such a template when it is stored
 * (PutIntegration / PutIntegrationResponse); the control plane checks it with this constant.
 */
export const MAX_TEMPLATE_BYTES = 300 * 1024;

/** "Payload size": 10 MB. A template whose output grows past it fails instead of eating memory. */
export const MAX_OUTPUT_CHARS = 10 * 1024 * 1024;

/** Velocity 1.7's default `velocimacro.max.depth`: macro calls nested deeper fail. */
export const MAX_MACRO_DEPTH = 20;

/** Nested #evaluate / #define renders deeper than this fail (a guard against self-reference). */
export const MAX_RENDER_DEPTH = 64;

/** Stratus's own guard: a range literal `[a..b]` longer than this fails instead of allocating. */
export const MAX_RANGE_LENGTH = 1_000_000;
