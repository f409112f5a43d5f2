/**
 * Throttling, API keys and usage plans on the data plane (placeholder: admits every call).
 */
import type { ServiceDeps } from "../../../core/service.js";
import type { ApiCall, Refusal } from "../invoke/api-call.js";

export class UsageGate {
  constructor(_deps: ServiceDeps) {}

  start(): void {}

  reset(): void {}

  /** Account, stage and method throttling, before the authorizer. */
  throttle(_call: ApiCall): Refusal | undefined {
    return undefined;
  }

  /** API key, usage plan throttle and quota, after the authorizer (its usageIdentifierKey). */
  async admitKey(_call: ApiCall): Promise<Refusal | undefined> {
    return undefined;
  }
}
