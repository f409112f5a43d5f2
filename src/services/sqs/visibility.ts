import { SqsErrors } from "./errors.js";
import { MAX_VISIBILITY_TIMEOUT_SECONDS } from "./limits.js";

/** A visibility timeout is 0 to 43,200 seconds (12 hours). */
export function checkVisibilityTimeout(value: number): void {
  if (value < 0 || value > MAX_VISIBILITY_TIMEOUT_SECONDS) {
    throw SqsErrors.invalidParameter("VisibilityTimeout", value, `VisibilityTimeout must be an integer between 0 and ${MAX_VISIBILITY_TIMEOUT_SECONDS}`);
  }
}
