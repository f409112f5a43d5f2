/**
 * Whether an error name is matched by a retrier's or catcher's ErrorEquals list.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 *
 * - Names match exactly (case-sensitive).
 * - States.ALL matches every error except States.DataLimitExceeded and States.Runtime.
 * - States.TaskFailed, in a retrier or catcher, matches every error except the timeouts
 *   (States.Timeout and States.HeartbeatTimeout) and those two terminal errors.
 * - States.Timeout also matches States.HeartbeatTimeout: a missed heartbeat is a timeout.
 * - States.Runtime is never retried or caught, even when named.
 * - States.DataLimitExceeded is caught only when named.
 */
import { StatesErrors } from "./errors.js";

const TIMEOUTS: ReadonlySet<string> = new Set([StatesErrors.Timeout, StatesErrors.HeartbeatTimeout]);

/** Errors no retrier or catcher can handle. */
export function isUncatchable(error: string): boolean {
  return error === StatesErrors.Runtime;
}

export function errorEqualsMatches(errorEquals: readonly string[], error: string): boolean {
  if (isUncatchable(error)) return false;
  for (const name of errorEquals) {
    if (name === error) return true;
    if (error === StatesErrors.DataLimitExceeded) continue;
    if (name === StatesErrors.ALL) return true;
    if (name === StatesErrors.TaskFailed && !TIMEOUTS.has(error)) return true;
    if (name === StatesErrors.Timeout && error === StatesErrors.HeartbeatTimeout) return true;
  }
  return false;
}
