/**
 * The IAM policy a Lambda authorizer returns, read and evaluated against a method ARN the way IAM
 * does: an explicit Deny wins, then an Allow, and nothing matching is an implicit deny. Actions
 * match `execute-api:Invoke` case-insensitively (`execute-api:*`, `*` and other wildcards
 * included); resources match the method ARN with `*` (any run of characters, `/` included) and
 * `?` (one character), case-sensitively. NotAction and NotResource are honoured.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

export interface PolicyStatement {
  effect: "Allow" | "Deny";
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
}

export type PolicyDecision = "ALLOW" | "EXPLICIT_DENY" | "IMPLICIT_DENY";

const INVOKE = "execute-api:Invoke";

/** The statements of a policy document, or undefined when it is not a policy API Gateway accepts. */
export function readPolicy(doc: unknown): PolicyStatement[] | undefined {
  if (!isObject(doc)) return undefined;
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : undefined;
  if (!list) return undefined;
  const statements: PolicyStatement[] = [];
  for (const s of list) {
    if (!isObject(s) || (s.Effect !== "Allow" && s.Effect !== "Deny")) return undefined;
    const statement: PolicyStatement = { effect: s.Effect };
    for (const [key, field] of [["Action", "actions"], ["NotAction", "notActions"], ["Resource", "resources"], ["NotResource", "notResources"]] as const) {
      if (s[key] === undefined) continue;
      const values = strings(s[key]);
      if (!values) return undefined;
      statement[field] = values;
    }
    if (!statement.actions === !statement.notActions) return undefined;
    if (!statement.resources === !statement.notResources) return undefined;
    statements.push(statement);
  }
  return statements;
}

export function evaluatePolicy(statements: PolicyStatement[], methodArn: string): PolicyDecision {
  const applies = (s: PolicyStatement) => matchesAction(s) && matchesResource(s, methodArn);
  if (statements.some((s) => s.effect === "Deny" && applies(s))) return "EXPLICIT_DENY";
  return statements.some((s) => s.effect === "Allow" && applies(s)) ? "ALLOW" : "IMPLICIT_DENY";
}

function matchesAction(s: PolicyStatement): boolean {
  if (s.actions) return s.actions.some((a) => wildcard(a, INVOKE, true));
  return !s.notActions!.some((a) => wildcard(a, INVOKE, true));
}

function matchesResource(s: PolicyStatement, arn: string): boolean {
  if (s.resources) return s.resources.some((r) => wildcard(r, arn, false));
  return !s.notResources!.some((r) => wildcard(r, arn, false));
}

/** IAM's wildcard match: `*` any run of characters, `?` exactly one, the rest literal. */
export function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, ignoreCase ? "is" : "s").test(value);
}

function strings(v: unknown): string[] | undefined {
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string")) return v as string[];
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
