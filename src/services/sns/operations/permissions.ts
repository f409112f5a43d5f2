/**
 * AddPermission and RemovePermission: statements in the topic's access policy, keyed by
 * Label (the statement's Sid). Stored and reported; Stratus does not evaluate policies.
 * https://docs.aws.amazon.com/sns/latest/api/API_AddPermission.html
 */
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import type { SnsService } from "../sns-service.js";
import { defaultTopicPolicy } from "../topic-attributes.js";
import type { TopicRecord } from "../types.js";

interface Policy {
  Statement: Array<{ Sid?: string; [k: string]: unknown }>;
  [k: string]: unknown;
}

function policyOf(t: TopicRecord): Policy {
  const doc = JSON.parse(t.attributes.Policy || defaultTopicPolicy(t)) as Policy;
  if (!Array.isArray(doc.Statement)) doc.Statement = doc.Statement ? [doc.Statement as never] : [];
  return doc;
}

export async function addPermission(input: { TopicArn: string; Label: string; AWSAccountId: string[]; ActionName: string[] }, ctx: RequestContext, sns: SnsService) {
  const t = sns.registry.topic(input.TopicArn, ctx);
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(input.Label)) throw SnsErrors.invalidParameter("Label");
  if ((input.AWSAccountId ?? []).length === 0) throw SnsErrors.invalidParameter("AWSAccountId");
  if ((input.ActionName ?? []).length === 0) throw SnsErrors.invalidParameter("ActionName");
  const policy = policyOf(t);
  if (policy.Statement.some((s) => s.Sid === input.Label)) throw SnsErrors.invalidParameter("Statement already exists");
  const principals = input.AWSAccountId.map((a) => `arn:aws:iam::${a}:root`);
  policy.Statement.push({
    Sid: input.Label,
    Effect: "Allow",
    Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: input.ActionName.map((a) => `SNS:${a}`),
    Resource: t.arn,
  });
  t.attributes.Policy = JSON.stringify(policy);
  await sns.registry.saveTopic(t);
  return {};
}

export async function removePermission(input: { TopicArn: string; Label: string }, ctx: RequestContext, sns: SnsService) {
  const t = sns.registry.topic(input.TopicArn, ctx);
  const policy = policyOf(t);
  const kept = policy.Statement.filter((s) => s.Sid !== input.Label);
  if (kept.length === policy.Statement.length) throw SnsErrors.invalidParameter("Statement not found");
  policy.Statement = kept;
  t.attributes.Policy = JSON.stringify(policy);
  await sns.registry.saveTopic(t);
  return {};
}
