/**
 * The authorizer result cache: a Lambda authorizer's answer kept for authorizerResultTtlInSeconds
 * under the authorizer and the caller's identity (the token, or the REQUEST identity sources'
 * values), with time read from the clock. What is kept is the answer, policy included, not the
 * decision: the cached policy is evaluated again against each call's method ARN, so a policy
 * naming only `GET/pets` denies `GET/pets/1` for the rest of the TTL, as on AWS.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
 * https://repost.aws/knowledge-center/api-gateway-lambda-authorization-errors
 */
import type { Clock } from "../../../core/clock.js";
import type { LambdaAuthorizerResult } from "./authorizer-output.js";

/** Past this many entries the oldest go first: a local emulator should not grow without bound. */
const MAX_ENTRIES = 10_000;

interface Entry {
  expiresAt: number;
  result: LambdaAuthorizerResult;
}

export class AuthorizerResultCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  get(key: string): LambdaAuthorizerResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.result;
  }

  put(key: string, result: LambdaAuthorizerResult, ttlSeconds: number): void {
    if (ttlSeconds <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { expiresAt: this.clock.now() + ttlSeconds * 1000, result });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Drops the entries whose key starts with `prefix` (one stage's, FlushStageAuthorizersCache). */
  clearPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
