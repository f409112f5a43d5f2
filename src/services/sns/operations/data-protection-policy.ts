/**
 * GetDataProtectionPolicy and PutDataProtectionPolicy: stored and returned, not applied
 * (LIMITATIONS.md). https://docs.aws.amazon.com/sns/latest/api/API_PutDataProtectionPolicy.html
 */
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import type { SnsService } from "../sns-service.js";
import { isJsonObject } from "../topic-attributes.js";

export function getDataProtectionPolicy(input: { ResourceArn: string }, ctx: RequestContext, sns: SnsService) {
  const t = sns.registry.topic(input.ResourceArn, ctx);
  return { DataProtectionPolicy: t.dataProtectionPolicy ?? "" };
}

export async function putDataProtectionPolicy(input: { ResourceArn: string; DataProtectionPolicy: string }, ctx: RequestContext, sns: SnsService) {
  const t = sns.registry.topic(input.ResourceArn, ctx);
  if (!isJsonObject(input.DataProtectionPolicy)) throw SnsErrors.invalidParameter("DataProtectionPolicy");
  t.dataProtectionPolicy = input.DataProtectionPolicy;
  await sns.registry.saveTopic(t);
  return {};
}
