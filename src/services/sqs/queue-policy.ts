/**
 * AddPermission / RemovePermission edit the queue's access policy: one statement per label.
 * The policy is stored and returned; Stratus does not enforce it (see LIMITATIONS.md).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html
 */
import { SqsErrors } from "./errors.js";

export const PERMISSION_ACTIONS = new Set([
  "*", "SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue", "ListQueueTags",
]);

interface Statement {
  Sid: string;
  Effect: string;
  Principal: { AWS: string | string[] };
  Action: string | string[];
  Resource: string;
}

interface Policy {
  Version: string;
  Id?: string;
  Statement: Statement[];
}

export function readPolicy(raw: string | undefined, queueArn: string): Policy {
  if (!raw) return { Version: "2012-10-17", Id: `${queueArn}/SQSDefaultPolicy`, Statement: [] };
  const p = JSON.parse(raw) as Policy;
  p.Statement = Array.isArray(p.Statement) ? p.Statement : p.Statement ? [p.Statement as unknown as Statement] : [];
  return p;
}

export function addStatement(policy: Policy, label: string, accounts: string[], actions: string[], queueArn: string): Policy {
  if (policy.Statement.some((s) => s.Sid === label)) throw SqsErrors.invalidParameter("Label", label, "Already exists.");
  const principals = accounts.map((a) => `arn:aws:iam::${a}:root`);
  const acts = actions.map((a) => `SQS:${a}`);
  policy.Statement.push({ Sid: label, Effect: "Allow", Principal: { AWS: principals.length === 1 ? principals[0] : principals }, Action: acts.length === 1 ? acts[0] : acts, Resource: queueArn });
  return policy;
}

export function removeStatement(policy: Policy, label: string): Policy {
  const before = policy.Statement.length;
  policy.Statement = policy.Statement.filter((s) => s.Sid !== label);
  if (policy.Statement.length === before) throw SqsErrors.invalidParameter("Label", label, "can't find label on existing policy.");
  return policy;
}
