/**
 * Retriers: definition-time checks, and the pure decision taken when a state reports an error.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error
 *
 * The first retrier whose ErrorEquals matches the error decides alone: if it has retries left the
 * state is retried, otherwise retrying stops (a later retrier that also matches is not tried).
 * Each retrier counts its own retries for as long as the state runs; leaving the state resets
 * them. The n-th retry (n = 0, 1, ...) by a retrier waits
 * IntervalSeconds × BackoffRate^n seconds, capped at MaxDelaySeconds; with JitterStrategy FULL
 * the wait is a random point in [0, that delay].
 */
import { checkErrorEquals } from "./error-equals.js";
import { errorEqualsMatches } from "./error-match.js";
import { schemaError, type Diagnostic } from "./errors.js";
import type { Compiled } from "./choice-rules.js";
import { checkInteger, checkKnownFields, isObject, Messages } from "./validation.js";

export const RETRY_DEFAULTS = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2.0, JitterStrategy: "NONE" } as const;
/** IntervalSeconds and MaxAttempts "have a maximum value of 99999999". */
export const MAX_RETRY_INTERVAL_SECONDS = 99_999_999;
export const MAX_RETRY_ATTEMPTS = 99_999_999;
/** MaxDelaySeconds must be "greater than 0 and less than 31622401". */
export const MAX_RETRY_DELAY_SECONDS = 31_622_400;
export const JITTER_STRATEGIES = ["NONE", "FULL"] as const;

export type JitterStrategy = (typeof JITTER_STRATEGIES)[number];

export interface Retrier {
  readonly errorEquals: readonly string[];
  readonly intervalSeconds: number;
  readonly maxAttempts: number;
  readonly backoffRate: number;
  readonly maxDelaySeconds?: number;
  readonly jitterStrategy: JitterStrategy;
}

/** Retries used so far by each retrier of a state, by retrier index. */
export type RetryCounts = readonly number[];

export type RetryDecision =
  | { readonly kind: "retry"; readonly retrier: number; readonly delayMs: number; readonly counts: RetryCounts }
  /** The matching retrier has no retries left (or MaxAttempts is 0): go on to Catch. */
  | { readonly kind: "exhausted"; readonly retrier: number }
  /** No retrier matches the error. */
  | { readonly kind: "unmatched" };

const RETRIER_FIELDS = new Set(["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"]);

/** Reads a state's Retry field; `location` is the state's, e.g. `/States/Invoke`. */
export function compileRetry(raw: unknown, location: string): Compiled<readonly Retrier[]> {
  const at = `${location}/Retry`;
  const diagnostics: Diagnostic[] = [];
  if (raw === undefined) return { ok: true, value: [] };
  if (!Array.isArray(raw)) return { ok: false, diagnostics: [schemaError(Messages.expectedType("Array"), at)] };
  raw.forEach((item, i) => checkRetrier(diagnostics, item, `${at}[${i}]`, i === raw.length - 1));
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const retriers = raw.map((r: Record<string, unknown>): Retrier => {
    const retrier: Retrier = {
      errorEquals: r.ErrorEquals as string[],
      intervalSeconds: (r.IntervalSeconds as number | undefined) ?? RETRY_DEFAULTS.IntervalSeconds,
      maxAttempts: (r.MaxAttempts as number | undefined) ?? RETRY_DEFAULTS.MaxAttempts,
      backoffRate: (r.BackoffRate as number | undefined) ?? RETRY_DEFAULTS.BackoffRate,
      jitterStrategy: (r.JitterStrategy as JitterStrategy | undefined) ?? RETRY_DEFAULTS.JitterStrategy,
    };
    return r.MaxDelaySeconds === undefined ? retrier : { ...retrier, maxDelaySeconds: r.MaxDelaySeconds as number };
  });
  return { ok: true, value: retriers };
}

function checkRetrier(out: Diagnostic[], raw: unknown, at: string, isLast: boolean): void {
  if (!isObject(raw)) {
    out.push(schemaError(Messages.expectedType("Object"), at));
    return;
  }
  checkKnownFields(out, raw, RETRIER_FIELDS, at);
  if (raw.ErrorEquals === undefined) out.push(schemaError(Messages.fieldsRequired(["ErrorEquals"]), at));
  else checkErrorEquals(out, raw.ErrorEquals, `${at}/ErrorEquals`, isLast);
  if (raw.IntervalSeconds !== undefined) checkInteger(out, raw.IntervalSeconds, `${at}/IntervalSeconds`, 0, MAX_RETRY_INTERVAL_SECONDS);
  if (raw.MaxAttempts !== undefined) checkInteger(out, raw.MaxAttempts, `${at}/MaxAttempts`, 0, MAX_RETRY_ATTEMPTS);
  if (raw.MaxDelaySeconds !== undefined) checkInteger(out, raw.MaxDelaySeconds, `${at}/MaxDelaySeconds`, 1, MAX_RETRY_DELAY_SECONDS);
  if (raw.BackoffRate !== undefined) {
    if (typeof raw.BackoffRate !== "number") out.push(schemaError(Messages.expectedType("Number"), `${at}/BackoffRate`));
    else if (raw.BackoffRate < 1) out.push(schemaError(Messages.minimum("1.0"), `${at}/BackoffRate`));
  }
  if (raw.JitterStrategy !== undefined && !(JITTER_STRATEGIES as readonly unknown[]).includes(raw.JitterStrategy)) {
    out.push(schemaError(Messages.oneOf(JITTER_STRATEGIES), `${at}/JitterStrategy`));
  }
}

export function initialRetryCounts(retriers: readonly Retrier[]): RetryCounts {
  return retriers.map(() => 0);
}

/**
 * The wait before the next retry by `retrier`, which has already retried `retriesSoFar` times.
 * `random` returns a number in [0, 1) and is read only for JitterStrategy FULL.
 */
export function retryDelayMs(retrier: Retrier, retriesSoFar: number, random: () => number): number {
  let seconds = retrier.intervalSeconds * retrier.backoffRate ** retriesSoFar;
  if (retrier.maxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.maxDelaySeconds);
  const ms = Math.min(Math.round(seconds * 1000), Number.MAX_SAFE_INTEGER);
  return retrier.jitterStrategy === "FULL" ? Math.round(random() * ms) : ms;
}

/** What to do about `error`, given the retries each retrier has used (`counts`). */
export function decideRetry(retriers: readonly Retrier[], counts: RetryCounts, error: string, random: () => number): RetryDecision {
  const index = retriers.findIndex((r) => errorEqualsMatches(r.errorEquals, error));
  if (index < 0) return { kind: "unmatched" };
  const retrier = retriers[index];
  const used = counts[index] ?? 0;
  if (used >= retrier.maxAttempts) return { kind: "exhausted", retrier: index };
  const next = retriers.map((_, i) => (i === index ? used + 1 : (counts[i] ?? 0)));
  return { kind: "retry", retrier: index, delayMs: retryDelayMs(retrier, used, random), counts: next };
}
