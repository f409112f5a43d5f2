import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_EFFECTIVE_DELIVERY_POLICY } from "../topic-attributes.js";
import { backoffDelay, DEFAULT_CONTENT_TYPE, DEFAULT_RETRY_POLICY, deliveryPolicyProblem, effectiveHttpPolicy, normalizeRetryPolicy, retryDelaysMs, type RetryPolicy } from "./delivery-policy.js";

const policy = (p: Partial<RetryPolicy>): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, ...p });

describe("retry schedule", () => {
  test("AWS's default: 3 retries, 20 seconds apart", () => {
    assert.deepEqual(retryDelaysMs(DEFAULT_RETRY_POLICY), [20_000, 20_000, 20_000]);
  });

  test("the topic's default EffectiveDeliveryPolicy gives the same schedule", () => {
    const p = effectiveHttpPolicy(DEFAULT_EFFECTIVE_DELIVERY_POLICY, undefined);
    assert.deepEqual(retryDelaysMs(p.retry), [20_000, 20_000, 20_000]);
    assert.equal(p.contentType, DEFAULT_CONTENT_TYPE);
  });

  test("four phases: immediate, pre-backoff, backoff, post-backoff", () => {
    const delays = retryDelaysMs(policy({ numRetries: 10, numNoDelayRetries: 2, numMinDelayRetries: 2, numMaxDelayRetries: 2, minDelayTarget: 1, maxDelayTarget: 4, backoffFunction: "linear" }));
    assert.deepEqual(delays, [0, 0, 1000, 1000, 1000, 2000, 3000, 4000, 4000, 4000]);
  });

  test("numRetries 0: no retries", () => {
    assert.deepEqual(retryDelaysMs(policy({ numRetries: 0 })), []);
  });

  test("backoff functions run from minDelayTarget to maxDelayTarget, each monotonic", () => {
    for (const fn of ["linear", "arithmetic", "geometric", "exponential"] as const) {
      const p = { minDelayTarget: 2, maxDelayTarget: 64, backoffFunction: fn };
      const n = 7;
      const values = Array.from({ length: n }, (_, i) => backoffDelay(p, i, n));
      assert.equal(values[0], 2, fn);
      assert.ok(Math.abs(values[n - 1] - 64) < 1e-9, fn);
      for (let i = 1; i < n; i++) assert.ok(values[i] >= values[i - 1], `${fn} is monotonic`);
    }
  });

  test("the curves differ as their names say: linear above arithmetic above exponential midway", () => {
    const mid = (fn: RetryPolicy["backoffFunction"]) => backoffDelay({ minDelayTarget: 1, maxDelayTarget: 100, backoffFunction: fn }, 5, 11);
    assert.equal(mid("linear"), 50.5);
    assert.ok(mid("arithmetic") < mid("linear"));
    assert.ok(mid("geometric") < mid("linear"));
    assert.ok(mid("exponential") < mid("arithmetic"));
    assert.equal(mid("geometric"), 10);
  });

  test("one backoff retry waits minDelayTarget", () => {
    assert.deepEqual(retryDelaysMs(policy({ numRetries: 1, minDelayTarget: 5, maxDelayTarget: 50 })), [5000]);
  });

  test("out-of-range values are brought within AWS's bounds", () => {
    const p = normalizeRetryPolicy(policy({ numRetries: 500, minDelayTarget: 0, maxDelayTarget: 99_999, numNoDelayRetries: 200, numMinDelayRetries: 5, numMaxDelayRetries: -1 }));
    assert.equal(p.numRetries, 100);
    assert.equal(p.minDelayTarget, 1);
    assert.equal(p.maxDelayTarget, 3600);
    assert.equal(p.numNoDelayRetries, 100);
    assert.equal(p.numMinDelayRetries, 0);
    assert.equal(p.numMaxDelayRetries, 0);
    const q = normalizeRetryPolicy(policy({ minDelayTarget: 30, maxDelayTarget: 10 }));
    assert.equal(q.minDelayTarget, 10);
  });

  test("retries past an hour in total are dropped", () => {
    const delays = retryDelaysMs(policy({ numRetries: 100, minDelayTarget: 600, maxDelayTarget: 600 }));
    assert.deepEqual(delays, [600_000, 600_000, 600_000, 600_000, 600_000, 600_000]);
  });
});

describe("effective policy", () => {
  const topic = JSON.stringify({ http: { defaultHealthyRetryPolicy: { numRetries: 5, minDelayTarget: 10, maxDelayTarget: 10 }, defaultRequestPolicy: { headerContentType: "application/json" } } });
  const sub = JSON.stringify({ healthyRetryPolicy: { numRetries: 2, minDelayTarget: 3, maxDelayTarget: 3 }, requestPolicy: { headerContentType: "application/xml" } });

  test("nothing set: AWS's default", () => {
    const p = effectiveHttpPolicy(undefined, undefined);
    assert.deepEqual(p.retry, DEFAULT_RETRY_POLICY);
    assert.equal(p.contentType, "text/plain; charset=UTF-8");
  });

  test("the topic's policy", () => {
    const p = effectiveHttpPolicy(topic, undefined);
    assert.deepEqual(retryDelaysMs(p.retry), [10_000, 10_000, 10_000, 10_000, 10_000]);
    assert.equal(p.contentType, "application/json");
  });

  test("the subscription's policy overrides the topic's", () => {
    const p = effectiveHttpPolicy(topic, sub);
    assert.deepEqual(retryDelaysMs(p.retry), [3000, 3000]);
    assert.equal(p.contentType, "application/xml");
  });

  test("fields the subscription leaves out come from the topic, then AWS's defaults", () => {
    const p = effectiveHttpPolicy(topic, JSON.stringify({ healthyRetryPolicy: { numRetries: 1 } }));
    assert.deepEqual(retryDelaysMs(p.retry), [10_000]);
    assert.deepEqual(retryDelaysMs(effectiveHttpPolicy(undefined, JSON.stringify({ healthyRetryPolicy: { numRetries: 5 } })).retry), [20_000, 20_000, 20_000, 20_000, 20_000]);
  });

  test("disableSubscriptionOverrides: the topic's policy wins", () => {
    const locked = JSON.stringify({ http: { ...JSON.parse(topic).http, disableSubscriptionOverrides: true } });
    const p = effectiveHttpPolicy(locked, sub);
    assert.equal(p.retry.numRetries, 5);
    assert.equal(p.contentType, "application/json");
  });

  test("unparseable policies count as unset", () => {
    assert.deepEqual(effectiveHttpPolicy("{oops", "[1]").retry, DEFAULT_RETRY_POLICY);
  });
});

describe("policy checks", () => {
  test("accepts AWS's documented shapes", () => {
    assert.equal(deliveryPolicyProblem(DEFAULT_EFFECTIVE_DELIVERY_POLICY, "topic"), undefined);
    assert.equal(deliveryPolicyProblem(JSON.stringify({ healthyRetryPolicy: { numRetries: 5 }, throttlePolicy: { maxReceivesPerSecond: 10 } }), "subscription"), undefined);
  });

  test("rejects what AWS rejects", () => {
    assert.match(deliveryPolicyProblem("nope", "topic")!, /parse/);
    assert.match(deliveryPolicyProblem(JSON.stringify({ healthyRetryPolicy: { numRetries: 101 } }), "subscription")!, /numRetries/);
    assert.match(deliveryPolicyProblem(JSON.stringify({ healthyRetryPolicy: { minDelayTarget: 30, maxDelayTarget: 20 } }), "subscription")!, /minDelayTarget/);
    assert.match(deliveryPolicyProblem(JSON.stringify({ healthyRetryPolicy: { maxDelayTarget: 3601 } }), "subscription")!, /maxDelayTarget/);
    assert.match(deliveryPolicyProblem(JSON.stringify({ healthyRetryPolicy: { backoffFunction: "cubic" } }), "subscription")!, /backoffFunction/);
    assert.match(deliveryPolicyProblem(JSON.stringify({ healthyRetryPolicy: { numRetries: 2, numNoDelayRetries: 3 } }), "subscription")!, /numRetries/);
    assert.match(deliveryPolicyProblem(JSON.stringify({ http: { defaultThrottlePolicy: { maxReceivesPerSecond: 0 } } }), "topic")!, /maxReceivesPerSecond/);
  });
});
