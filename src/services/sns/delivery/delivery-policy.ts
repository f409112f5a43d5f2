/**
 * HTTP/S delivery policies: which policy applies to a subscription, and the retry schedule it
 * gives. Pure: no clock, no storage.
 *
 * A policy has four phases after the first attempt (numRetries counts them all):
 *  1. immediate retries: numNoDelayRetries, no delay;
 *  2. pre-backoff: numMinDelayRetries, minDelayTarget apart;
 *  3. backoff: the retries left, their delays growing from minDelayTarget to maxDelayTarget
 *     by backoffFunction;
 *  4. post-backoff: numMaxDelayRetries, maxDelayTarget apart.
 * The subscription's `healthyRetryPolicy` overrides the topic's `http.defaultHealthyRetryPolicy`
 * unless the topic sets `disableSubscriptionOverrides`; fields neither sets take AWS's defaults
 * (3 retries, 20 s apart). AWS applies jitter to its delays; Stratus does not, so schedules are
 * exact on the manual clock. AWS does not publish its backoff formulas: the curves here are
 * monotonic from minDelayTarget to maxDelayTarget, shaped as the function names say.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html
 */

export type BackoffFunction = "linear" | "arithmetic" | "geometric" | "exponential";

export interface RetryPolicy {
  /** Seconds. */
  minDelayTarget: number;
  /** Seconds. */
  maxDelayTarget: number;
  numRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  numMaxDelayRetries: number;
  backoffFunction: BackoffFunction;
}

export interface EffectiveHttpPolicy {
  retry: RetryPolicy;
  /** The Content-Type of notifications. */
  contentType: string;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  numMaxDelayRetries: 0,
  backoffFunction: "linear",
});

export const DEFAULT_CONTENT_TYPE = "text/plain; charset=UTF-8";
export const MAX_RETRIES = 100;
/** Seconds: the longest delay, and the longest a whole policy's retries may take. */
export const MAX_DELAY_SECONDS = 3_600;
const BACKOFF_FUNCTIONS = new Set<string>(["linear", "arithmetic", "geometric", "exponential"]);
const RETRY_FIELDS = ["minDelayTarget", "maxDelayTarget", "numRetries", "numNoDelayRetries", "numMinDelayRetries", "numMaxDelayRetries"] as const;

type Json = Record<string, unknown>;

function object(v: unknown): Json | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function parse(text: string | undefined): Json | undefined {
  if (!text) return undefined;
  try {
    return object(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The fields a policy document sets (numbers given as numbers or numeric strings). */
function retryFields(doc: Json | undefined): Partial<RetryPolicy> {
  const out: Partial<RetryPolicy> = {};
  if (!doc) return out;
  for (const f of RETRY_FIELDS) {
    const v = doc[f];
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    if (Number.isFinite(n)) out[f] = Math.trunc(n);
  }
  const fn = doc.backoffFunction;
  if (typeof fn === "string" && BACKOFF_FUNCTIONS.has(fn.toLowerCase())) out.backoffFunction = fn.toLowerCase() as BackoffFunction;
  return out;
}

function contentTypeOf(doc: Json | undefined): string | undefined {
  const v = doc?.headerContentType;
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * The policy for one HTTP/S subscription, from the topic's and the subscription's
 * DeliveryPolicy attributes (either may be missing or unparseable: those count as unset).
 */
export function effectiveHttpPolicy(topicPolicy: string | undefined, subscriptionPolicy: string | undefined): EffectiveHttpPolicy {
  const http = object(parse(topicPolicy)?.http);
  const overridesAllowed = http?.disableSubscriptionOverrides !== true && http?.disableSubscriptionOverrides !== "true";
  const sub = overridesAllowed ? parse(subscriptionPolicy) : undefined;
  const retry = normalizeRetryPolicy({
    ...DEFAULT_RETRY_POLICY,
    ...retryFields(object(http?.defaultHealthyRetryPolicy)),
    ...retryFields(object(sub?.healthyRetryPolicy)),
  });
  const contentType = contentTypeOf(object(sub?.requestPolicy)) ?? contentTypeOf(object(http?.defaultRequestPolicy)) ?? DEFAULT_CONTENT_TYPE;
  return { retry, contentType };
}

/** Brings every field within AWS's bounds (policies are checked when set; this is a safety net). */
export function normalizeRetryPolicy(p: RetryPolicy): RetryPolicy {
  const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Number.isFinite(n) ? Math.trunc(n) : lo));
  const maxDelayTarget = clamp(p.maxDelayTarget, 1, MAX_DELAY_SECONDS);
  const minDelayTarget = clamp(p.minDelayTarget, 1, maxDelayTarget);
  const numRetries = clamp(p.numRetries, 0, MAX_RETRIES);
  const numNoDelayRetries = clamp(p.numNoDelayRetries, 0, numRetries);
  const numMinDelayRetries = clamp(p.numMinDelayRetries, 0, numRetries - numNoDelayRetries);
  const numMaxDelayRetries = clamp(p.numMaxDelayRetries, 0, numRetries - numNoDelayRetries - numMinDelayRetries);
  const backoffFunction = BACKOFF_FUNCTIONS.has(p.backoffFunction) ? p.backoffFunction : "linear";
  return { minDelayTarget, maxDelayTarget, numRetries, numNoDelayRetries, numMinDelayRetries, numMaxDelayRetries, backoffFunction };
}

/**
 * The wait before each retry, in milliseconds (one entry per retry, in order). Retries that
 * would start more than an hour after the first failure are dropped: AWS caps a policy's total
 * retry time at 3,600 seconds.
 */
export function retryDelaysMs(policy: RetryPolicy): number[] {
  const p = normalizeRetryPolicy(policy);
  const seconds: number[] = [];
  for (let i = 0; i < p.numNoDelayRetries; i++) seconds.push(0);
  for (let i = 0; i < p.numMinDelayRetries; i++) seconds.push(p.minDelayTarget);
  const backoff = p.numRetries - p.numNoDelayRetries - p.numMinDelayRetries - p.numMaxDelayRetries;
  for (let i = 0; i < backoff; i++) seconds.push(backoffDelay(p, i, backoff));
  for (let i = 0; i < p.numMaxDelayRetries; i++) seconds.push(p.maxDelayTarget);
  const out: number[] = [];
  let total = 0;
  for (const s of seconds) {
    const ms = Math.round(s * 1000);
    if (total + ms > MAX_DELAY_SECONDS * 1000) break;
    total += ms;
    out.push(ms);
  }
  return out;
}

/**
 * The delay (seconds) of backoff retry `i` of `n`: the first waits minDelayTarget, the last
 * maxDelayTarget, those between follow the backoff function.
 *  - linear: equal steps;
 *  - arithmetic: steps that grow by the same amount each time (quadratic);
 *  - geometric: each delay the same multiple of the one before;
 *  - exponential: a doubling curve, flat at first and steep at the end.
 */
export function backoffDelay(p: Pick<RetryPolicy, "minDelayTarget" | "maxDelayTarget" | "backoffFunction">, i: number, n: number): number {
  const min = p.minDelayTarget;
  const max = p.maxDelayTarget;
  if (n <= 1 || max <= min) return min;
  const x = i / (n - 1);
  switch (p.backoffFunction) {
    case "arithmetic":
      return min + (max - min) * x * x;
    case "geometric":
      return min * (max / min) ** x;
    case "exponential": {
      // 2^(k·x) rescaled to [0, 1], with k the number of doublings a run of n steps makes (at most 10).
      const k = Math.min(10, n - 1);
      return min + (max - min) * ((2 ** (k * x) - 1) / (2 ** k - 1));
    }
    default:
      return min + (max - min) * x;
  }
}

/**
 * Checks a DeliveryPolicy attribute value (topic: `{"http": {...}}`; subscription:
 * `{"healthyRetryPolicy": …, "throttlePolicy": …, "requestPolicy": …}`). Returns what is wrong,
 * or undefined when it is acceptable. For SetTopicAttributes/SetSubscriptionAttributes to use.
 */
export function deliveryPolicyProblem(text: string, level: "topic" | "subscription"): string | undefined {
  const doc = parse(text);
  if (!doc) return "failed to parse JSON.";
  const body = level === "topic" ? object(doc.http) : doc;
  if (level === "topic" && doc.http !== undefined && !body) return "http: must be an object.";
  if (!body) return undefined;
  const retryKey = level === "topic" ? "defaultHealthyRetryPolicy" : "healthyRetryPolicy";
  const retry = body[retryKey];
  if (retry !== undefined) {
    const r = object(retry);
    if (!r) return `${retryKey}: must be an object.`;
    for (const f of RETRY_FIELDS) {
      const v = r[f];
      if (v !== undefined && !(typeof v === "number" && Number.isInteger(v))) return `${f}: must be an integer.`;
    }
    if (r.backoffFunction !== undefined && !(typeof r.backoffFunction === "string" && BACKOFF_FUNCTIONS.has(r.backoffFunction.toLowerCase()))) {
      return "backoffFunction: must be one of linear, arithmetic, geometric, exponential.";
    }
    const p: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...retryFields(r) };
    if (p.numRetries < 0 || p.numRetries > MAX_RETRIES) return `numRetries: must be between 0 and ${MAX_RETRIES}.`;
    if (p.maxDelayTarget < 1 || p.maxDelayTarget > MAX_DELAY_SECONDS) return `maxDelayTarget: must be between 1 and ${MAX_DELAY_SECONDS}.`;
    if (p.minDelayTarget < 1 || p.minDelayTarget > p.maxDelayTarget) return "minDelayTarget: must be between 1 and maxDelayTarget.";
    for (const f of ["numNoDelayRetries", "numMinDelayRetries", "numMaxDelayRetries"] as const) if (p[f] < 0) return `${f}: must be 0 or greater.`;
    if (p.numNoDelayRetries + p.numMinDelayRetries + p.numMaxDelayRetries > p.numRetries) return "numRetries: must be at least numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries.";
  }
  const throttle = object(body[level === "topic" ? "defaultThrottlePolicy" : "throttlePolicy"]);
  const rps = throttle?.maxReceivesPerSecond;
  if (rps !== undefined && !(typeof rps === "number" && Number.isInteger(rps) && rps >= 1)) return "maxReceivesPerSecond: must be an integer of 1 or more.";
  return undefined;
}
