/** Assertions shared by this folder's tests. */
import assert from "node:assert/strict";
import { StatesError } from "./errors.js";

/** Asserts that `fn` throws a StatesError with this error name and (exactly, or matching) this cause. */
export function assertStatesError(fn: () => unknown, error: string, cause?: string | RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof StatesError, `expected a StatesError, got ${String(err)}`);
    assert.equal(err.error, error);
    if (typeof cause === "string") assert.equal(err.cause, cause);
    else if (cause) assert.match(err.cause, cause);
    return true;
  });
}
