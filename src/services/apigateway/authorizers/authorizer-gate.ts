/**
 * Lambda (TOKEN, REQUEST) and Cognito authorizers on the data plane (placeholder: allows).
 */
import type { ServiceDeps } from "../../../core/service.js";
import type { ApiCall, Refusal } from "../invoke/api-call.js";

export class AuthorizerGate {
  constructor(_deps: ServiceDeps) {}

  reset(): void {}

  /** Runs the method's authorizer; on success sets call.authorizer. */
  async authorize(_call: ApiCall): Promise<Refusal | undefined> {
    return undefined;
  }
}
