/**
 * A Lambda authorizer's answer: `principalId`, `policyDocument`, an optional `context` map and
 * `usageIdentifierKey`. Anything API Gateway cannot use (no policy, a malformed one, a context
 * value that is an object or array) is an authorizer configuration error (500) on AWS.
 * Context values reach the integration as strings (`true`, `1`): that is how AWS hands them to a
 * Lambda proxy integration's `requestContext.authorizer` and to `$context.authorizer.key`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
import { readPolicy, type PolicyStatement } from "./policy.js";

export interface LambdaAuthorizerResult {
  principalId?: string;
  statements: PolicyStatement[];
  /** The policy document as the function returned it (TestInvokeAuthorizer's `policy`). */
  policyJson: string;
  context: Record<string, string>;
  usageIdentifierKey?: string;
}

/** The function's answer, or a reason it is unusable (logged, never shown to the caller). */
export function readAuthorizerOutput(payload: Buffer): LambdaAuthorizerResult | { invalid: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString("utf8"));
  } catch {
    return { invalid: "the response is not JSON" };
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return { invalid: "the response is not a JSON object" };
  const out = doc as Record<string, unknown>;
  const statements = readPolicy(out.policyDocument);
  if (!statements) return { invalid: "policyDocument is missing or not a valid policy" };
  const principal = out.principalId;
  if (principal !== undefined && principal !== null && !isScalar(principal)) return { invalid: "principalId is not a string" };
  const context: Record<string, string> = {};
  if (out.context !== undefined && out.context !== null) {
    if (typeof out.context !== "object" || Array.isArray(out.context)) return { invalid: "context is not a map" };
    for (const [k, v] of Object.entries(out.context as Record<string, unknown>)) {
      if (v === null) continue;
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html:
      // "You can't set a JSON object or array as a valid value of any key in the context map."
      if (!isScalar(v)) return { invalid: `context.${k} is an object or array` };
      context[k] = String(v);
    }
  }
  const key = out.usageIdentifierKey;
  if (key !== undefined && key !== null && typeof key !== "string") return { invalid: "usageIdentifierKey is not a string" };
  return {
    ...(principal !== undefined && principal !== null ? { principalId: String(principal) } : {}),
    statements,
    policyJson: JSON.stringify(out.policyDocument),
    context,
    ...(typeof key === "string" ? { usageIdentifierKey: key } : {}),
  };
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}
