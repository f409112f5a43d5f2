/**
 * SMS settings and the opt-out list: stored per account and region; nothing is sent, so the
 * settings change nothing else (Publish with PhoneNumber records every message).
 * https://docs.aws.amazon.com/sns/latest/api/API_SetSMSAttributes.html
 * https://docs.aws.amazon.com/sns/latest/api/API_GetSMSAttributes.html
 * https://docs.aws.amazon.com/sns/latest/api/API_CheckIfPhoneNumberIsOptedOut.html
 * https://docs.aws.amazon.com/sns/latest/api/API_ListPhoneNumbersOptedOut.html
 * https://docs.aws.amazon.com/sns/latest/api/API_OptInPhoneNumber.html
 */
import { parseArn } from "../../../core/ids.js";
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import { page } from "../pagination.js";
import type { SnsService } from "../sns-service.js";
import { checkE164 } from "./phone-numbers.js";

/** What GetSMSAttributes reports before anything is set: a new account's US$1 monthly limit. */
export const DEFAULT_SMS_ATTRIBUTES: Readonly<Record<string, string>> = { MonthlySpendLimit: "1" };

const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;
const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Each documented attribute and its check (undefined when the value is acceptable). */
const SMS_ATTRIBUTES: Record<string, (value: string) => string | undefined> = {
  MonthlySpendLimit: (v) => (/^\d+$/.test(v) ? undefined : "must be a whole number of US dollars"),
  DeliveryStatusIAMRole: (v) => (parseArn(v)?.service === "iam" ? undefined : "must be an IAM role ARN"),
  DeliveryStatusSuccessSamplingRate: (v) => (/^\d{1,3}$/.test(v) && Number(v) <= 100 ? undefined : "must be an integer from 0 to 100"),
  DefaultSenderID: (v) => (SENDER_ID.test(v) ? undefined : "must be 1 to 11 letters and digits, with at least one letter"),
  DefaultSMSType: (v) => (v === "Promotional" || v === "Transactional" ? undefined : "must be Promotional or Transactional"),
  UsageReportS3Bucket: (v) => (S3_BUCKET.test(v) ? undefined : "must be an S3 bucket name"),
};

/** Sets the attributes given; an empty value removes one. */
export async function setSMSAttributes(input: { attributes: Record<string, string> }, ctx: RequestContext, sns: SnsService) {
  const attributes = sns.sms.attributes(ctx);
  for (const [name, value] of Object.entries(input.attributes)) {
    const check = SMS_ATTRIBUTES[name];
    if (!check) throw SnsErrors.invalidParameter(`${name} Reason: not a valid SMS attribute`);
    if (value === "") {
      delete attributes[name];
      continue;
    }
    const problem = check(value);
    if (problem) throw SnsErrors.invalidParameter(`${name} Reason: ${problem}`);
    attributes[name] = value;
  }
  await sns.sms.setAttributes(ctx, attributes);
  return {};
}

/** Every attribute, or those named; names with no value are left out. */
export function getSMSAttributes(input: { attributes?: string[] }, ctx: RequestContext, sns: SnsService) {
  const all: Record<string, string> = { ...DEFAULT_SMS_ATTRIBUTES, ...sns.sms.attributes(ctx) };
  const names = input.attributes ?? [];
  if (names.length === 0) return { attributes: all };
  const picked: Record<string, string> = {};
  for (const name of names) if (all[name] !== undefined) picked[name] = all[name];
  return { attributes: picked };
}

export function checkIfPhoneNumberIsOptedOut(input: { phoneNumber: string }, ctx: RequestContext, sns: SnsService) {
  checkE164(input.phoneNumber);
  return { isOptedOut: sns.sms.isOptedOut(ctx, input.phoneNumber) };
}

/** 100 numbers a page. */
export function listPhoneNumbersOptedOut(input: { nextToken?: string }, ctx: RequestContext, sns: SnsService) {
  const { items, nextToken } = page(sns.sms.optedOut(ctx), input.nextToken);
  return { phoneNumbers: items, nextToken };
}

/** Takes a number off the opt-out list (AWS allows this once every 30 days; Stratus always). */
export async function optInPhoneNumber(input: { phoneNumber: string }, ctx: RequestContext, sns: SnsService) {
  checkE164(input.phoneNumber);
  await sns.sms.optIn(ctx, input.phoneNumber);
  return {};
}
