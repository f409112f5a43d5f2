/**
 * Limits of Step Functions' JSONPath data processing.
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */

/** "You can nest up to 10 intrinsic functions within a field" (the doc's nine-call example counts every call). */
export const MAX_INTRINSIC_CALLS_PER_FIELD = 10;
/** States.ArrayRange: "The newly generated array can't contain more than 1000 items." */
export const ARRAY_RANGE_MAX_ITEMS = 1_000;
/** States.Base64Encode / Base64Decode: a data string of up to 10,000 characters. */
export const BASE64_MAX_CHARS = 10_000;
/** States.Hash: the data string can't exceed 10,000 characters. */
export const HASH_MAX_CHARS = 10_000;
/** States.MathAdd: "integer values in the range of -2147483648 and 2147483647" (a Java int). */
export const MATH_INT_MIN = -2_147_483_648;
export const MATH_INT_MAX = 2_147_483_647;
/** Our own guard against pathological input (not an AWS limit): nesting of JSONPath filters / values walked. */
export const MAX_PATH_DEPTH = 256;
