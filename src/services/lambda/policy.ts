/**
 * Resource-based policies of functions, versions and aliases: the statement AddPermission
 * builds from its members, in AWS's JSON form, and the policy document GetPolicy returns.
 * Policies are stored and returned, never enforced (LIMITATIONS.md).
 * https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html
 * https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 */
import { LambdaErrors } from "./errors.js";
import { MAX_POLICY_BYTES } from "./limits.js";
import type { FunctionRecord, PolicyStatement } from "./types.js";

export interface PermissionInput {
  StatementId: string;
  Action: string;
  Principal: string;
  SourceArn?: string;
  SourceAccount?: string;
  EventSourceToken?: string;
  PrincipalOrgID?: string;
  FunctionUrlAuthType?: string;
  InvokedViaFunctionUrl?: boolean;
}

const STATEMENT_ID = /^[a-zA-Z0-9-_]+$/;
const ACTION = /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/;
const PRINCIPAL = /^[^\s]+$/;
const SOURCE_ARN = /^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;
const ACCOUNT = /^\d{12}$/;
const EVENT_SOURCE_TOKEN = /^[a-zA-Z0-9._-]+$/;
const ORG_ID = /^o-[a-z0-9]{10,32}$/;
/** `s3.amazonaws.com`, `sns.amazonaws.com`, `alexa-appkit.amazon.com`, China's `….amazonaws.com.cn`. */
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazon(aws)?\.com(\.cn)?$/;
/** IAM users, roles and account roots, and STS assumed-role sessions. */
const IAM_PRINCIPAL = /^arn:aws[a-zA-Z-]*:(iam|sts)::\d{12}:.+$/;

/** The model's constraints on AddPermission's members, as ValidationException. */
export function checkPermissionInput(input: PermissionInput): void {
  const sid = input.StatementId;
  if (sid.length < 1 || sid.length > 100) {
    throw LambdaErrors.validation(sid, "statementId", sid.length < 1 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 100");
  }
  if (!STATEMENT_ID.test(sid)) throw LambdaErrors.validation(sid, "statementId", "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)");
  if (!ACTION.test(input.Action)) throw LambdaErrors.validation(input.Action, "action", "Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
  if (!PRINCIPAL.test(input.Principal)) throw LambdaErrors.validation(input.Principal, "principal", "Member must satisfy regular expression pattern: [^\\s]+");
  if (input.SourceArn !== undefined && !SOURCE_ARN.test(input.SourceArn)) {
    throw LambdaErrors.validation(input.SourceArn, "sourceArn", "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
  }
  if (input.SourceAccount !== undefined && !ACCOUNT.test(input.SourceAccount)) {
    throw LambdaErrors.validation(input.SourceAccount, "sourceAccount", input.SourceAccount.length > 12 ? "Member must have length less than or equal to 12" : "Member must satisfy regular expression pattern: \\d{12}");
  }
  if (input.EventSourceToken !== undefined && (input.EventSourceToken.length > 256 || !EVENT_SOURCE_TOKEN.test(input.EventSourceToken))) {
    throw LambdaErrors.validation(input.EventSourceToken, "eventSourceToken", input.EventSourceToken.length > 256 ? "Member must have length less than or equal to 256" : "Member must satisfy regular expression pattern: [a-zA-Z0-9._\\-]+");
  }
  if (input.PrincipalOrgID !== undefined && !ORG_ID.test(input.PrincipalOrgID)) {
    const id = input.PrincipalOrgID;
    throw LambdaErrors.validation(id, "principalOrgID", id.length < 12 ? "Member must have length greater than or equal to 12" : id.length > 34 ? "Member must have length less than or equal to 34" : "Member must satisfy regular expression pattern: o-[a-z0-9]{10,32}");
  }
  if (input.FunctionUrlAuthType !== undefined && input.FunctionUrlAuthType !== "NONE" && input.FunctionUrlAuthType !== "AWS_IAM") {
    throw LambdaErrors.validation(input.FunctionUrlAuthType, "functionUrlAuthType", "Member must satisfy enum value set: [NONE, AWS_IAM]");
  }
}

/** The statement as AWS writes it: Sid, Effect, Principal, Action, Resource, then Condition. */
export function buildStatement(input: PermissionInput, resource: string): PolicyStatement {
  const statement: PolicyStatement = { Sid: input.StatementId, Effect: "Allow", Principal: principalOf(input.Principal), Action: input.Action, Resource: resource };
  const condition: Record<string, Record<string, string>> = {};
  const add = (operator: string, key: string, value: string) => void ((condition[operator] ??= {})[key] = value);
  if (input.FunctionUrlAuthType !== undefined) add("StringEquals", "lambda:FunctionUrlAuthType", input.FunctionUrlAuthType);
  if (input.PrincipalOrgID !== undefined) add("StringEquals", "aws:PrincipalOrgID", input.PrincipalOrgID);
  if (input.SourceAccount !== undefined) add("StringEquals", "AWS:SourceAccount", input.SourceAccount);
  if (input.EventSourceToken !== undefined) add("StringEquals", "lambda:EventSourceToken", input.EventSourceToken);
  if (input.SourceArn !== undefined) add("ArnLike", "AWS:SourceArn", input.SourceArn);
  if (input.InvokedViaFunctionUrl === true) add("Bool", "lambda:InvokedViaFunctionUrl", "true");
  if (Object.keys(condition).length) statement.Condition = condition;
  return statement;
}

function principalOf(principal: string): unknown {
  if (principal === "*") return "*";
  if (SERVICE_PRINCIPAL.test(principal)) return { Service: principal };
  if (ACCOUNT.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (IAM_PRINCIPAL.test(principal)) return { AWS: principal };
  throw LambdaErrors.invalidParameter("The provided principal was invalid. Please check the principal and try again.");
}

/** GetPolicy's `Policy`: the document as a JSON string. */
export function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: statements });
}

/** Refuses a policy past 20 KB (PolicyLengthExceededException). */
export function checkPolicySize(statements: PolicyStatement[]): void {
  if (Buffer.byteLength(policyDocument(statements)) > MAX_POLICY_BYTES) throw LambdaErrors.policyLengthExceeded();
}

/** The key a qualifier's policy is stored under: "" for the unqualified function. */
export function policyKey(qualifier: string | undefined): string {
  return qualifier ?? "";
}

export function statementsOf(fn: FunctionRecord, qualifier: string | undefined): PolicyStatement[] {
  return fn.policies[policyKey(qualifier)] ?? [];
}
