/**
 * What a state does with an error it reports, Retry first and then Catch ("When a state has both
 * Retry and Catch fields, Step Functions uses any appropriate retriers first, and only afterward
 * applies the matching catcher transition if the retry policy fails to resolve the error").
 */
import { selectCatcher, type Catcher, type CatchSelection } from "./catch.js";
import type { StatesFailure } from "./errors.js";
import { decideRetry, type Retrier, type RetryCounts } from "./retry.js";

export type ErrorHandling =
  | { readonly kind: "retry"; readonly retrier: number; readonly delayMs: number; readonly counts: RetryCounts }
  | ({ readonly kind: "catch" } & CatchSelection)
  | { readonly kind: "fail"; readonly error: string; readonly cause?: string };

export function handleStateError(
  failure: { readonly error: string; readonly cause?: string } | StatesFailure,
  retriers: readonly Retrier[],
  counts: RetryCounts,
  catchers: readonly Catcher[],
  random: () => number,
): ErrorHandling {
  const retry = decideRetry(retriers, counts, failure.error, random);
  if (retry.kind === "retry") return retry;
  const caught = selectCatcher(catchers, failure.error, failure.cause);
  if (caught) return { kind: "catch", ...caught };
  return failure.cause === undefined ? { kind: "fail", error: failure.error } : { kind: "fail", error: failure.error, cause: failure.cause };
}
