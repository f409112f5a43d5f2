/**
 * MOCK answers that are the same on every call: no request parameters, text-only request
 * templates (so the status they pick is fixed), and an integration response with static header
 * values and text-only templates. Such an answer still depends on the call's Content-Type (which
 * request template) and Accept (which response template), so it is remembered per integration
 * and per those two headers, after the general path has computed it once.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
 */
import type { IntegrationRecord } from "../../types.js";
import type { ApiCall } from "../api-call.js";
import { headerValue } from "../binary.js";
import type { HttpAnswer } from "../gateway-responses.js";
import { isConstantTemplate } from "../template-input.js";
import { selectResponse } from "./integration-response.js";

/** Header pairs remembered per integration: enough for the clients of one API, and bounded. */
const MAX_VARIANTS = 16;

/**
 * By integration: a deployment's integrations are snapshots that never change, so what is
 * remembered for one stays true until the deployment is gone.
 */
const fixed = new WeakMap<IntegrationRecord, Map<string, HttpAnswer>>();

function variantOf(call: ApiCall): string {
  return `${headerValue(call.request.headers, "content-type") ?? ""}\n${headerValue(call.request.headers, "accept") ?? ""}`;
}

export function knownMockAnswer(call: ApiCall, integration: IntegrationRecord): HttpAnswer | undefined {
  return fixed.get(integration)?.get(variantOf(call));
}

/**
 * Remembers an answer the general path gave, when nothing of the call but its Content-Type and
 * Accept went into it. `templated`: a request template wrote the body (else the call's own body
 * passed through, and picked the status).
 */
export function rememberMockAnswer(call: ApiCall, integration: IntegrationRecord, templated: boolean, status: number, answer: HttpAnswer): void {
  if (!templated || !isFixed(integration, status)) return;
  let variants = fixed.get(integration);
  if (!variants) fixed.set(integration, (variants = new Map()));
  if (variants.size >= MAX_VARIANTS) return;
  Object.freeze(answer.headers);
  variants.set(variantOf(call), Object.freeze(answer));
}

function isFixed(integration: IntegrationRecord, status: number): boolean {
  if (Object.keys(integration.requestParameters ?? {}).length > 0) return false;
  if (!Object.values(integration.requestTemplates ?? {}).every(isConstantTemplate)) return false;
  const chosen = selectResponse(Object.values(integration.integrationResponses ?? {}), String(status));
  if (!chosen) return false;
  if (!Object.values(chosen.responseParameters ?? {}).every(isLiteral)) return false;
  return Object.values(chosen.responseTemplates ?? {}).every(isConstantTemplate);
}

/** A `'static'` mapping value. */
function isLiteral(source: string): boolean {
  return source.length >= 2 && source.startsWith("'") && source.endsWith("'");
}
