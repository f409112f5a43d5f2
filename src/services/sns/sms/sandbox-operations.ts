/**
 * The SMS sandbox and origination numbers. Stratus reports the account as out of the sandbox
 * (Publish with PhoneNumber records a message to any number, verified or not), but keeps the
 * sandbox's destination numbers so tools that manage them work: CreateSMSSandboxPhoneNumber
 * records the one-time password as an SMS (`GET /_stratus/sns/deliveries?protocol=sms`), and
 * VerifySMSSandboxPhoneNumber checks it.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-sms-sandbox.html
 * https://docs.aws.amazon.com/sns/latest/api/API_CreateSMSSandboxPhoneNumber.html
 * https://docs.aws.amazon.com/sns/latest/api/API_VerifySMSSandboxPhoneNumber.html
 * https://docs.aws.amazon.com/sns/latest/api/API_ListSMSSandboxPhoneNumbers.html
 * https://docs.aws.amazon.com/sns/latest/api/API_ListOriginationNumbers.html
 */
import { randomInt } from "node:crypto";
import { ServiceError } from "../../../core/errors.js";
import { newUuid } from "../../../core/ids.js";
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import type { SnsService } from "../sns-service.js";
import { checkSandboxNumber } from "./phone-numbers.js";
import type { SandboxNumberRecord } from "./types.js";

/** CreateSMSSandboxPhoneNumber's LanguageCode values. */
export const LANGUAGE_CODES = new Set(["en-US", "en-GB", "es-419", "es-ES", "de-DE", "fr-CA", "fr-FR", "it-IT", "ja-JP", "pt-BR", "kr-KR", "zh-CN", "zh-TW"]);
const OTP = /^[0-9]{5,8}$/;
const OTP_DIGITS = 6;
/** ListSMSSandboxPhoneNumbers: 1–100 a page (100 by default); ListOriginationNumbers: 1–30. */
const MAX_SANDBOX_PAGE = 100;
const MAX_ORIGINATION_PAGE = 30;

const errors = {
  optedOut: () => new ServiceError("OptedOutException", "Phone number is opted out"),
  notFound: () => new ServiceError("ResourceNotFoundException", "Phone number does not exist in the SMS sandbox"),
  verification: () => new ServiceError("VerificationException", "Invalid one-time password"),
};

/** Whether the account can only send SMS to verified numbers: never in Stratus (see above). */
export function getSMSSandboxAccountStatus() {
  return { IsInSandbox: false };
}

/**
 * Adds a number as Pending and records its one-time password. Adding a Pending number again
 * sends a new password (the old one stops working); a Verified number stays as it is.
 */
export async function createSMSSandboxPhoneNumber(input: { PhoneNumber: string; LanguageCode?: string }, ctx: RequestContext, sns: SnsService) {
  checkSandboxNumber(input.PhoneNumber);
  const languageCode = input.LanguageCode ?? "en-US";
  if (!LANGUAGE_CODES.has(languageCode)) throw SnsErrors.invalidParameter(`LanguageCode Reason: ${languageCode} is not supported`);
  if (sns.sms.isOptedOut(ctx, input.PhoneNumber)) throw errors.optedOut();
  const existing = sns.sms.sandboxNumber(ctx, input.PhoneNumber);
  if (existing?.status === "Verified") return {};
  const oneTimePassword = String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, "0");
  const timestamp = new Date(sns.clock.now()).toISOString();
  const number: SandboxNumberRecord = { phoneNumber: input.PhoneNumber, status: "Pending", languageCode, oneTimePassword, createdAt: existing?.createdAt ?? timestamp };
  await sns.sms.saveSandboxNumber(ctx, number);
  await sns.recorded.add({
    timestamp,
    type: "OneTimePassword",
    protocol: "sms",
    endpoint: input.PhoneNumber,
    messageId: newUuid(),
    body: `Your Amazon SNS verification code is ${oneTimePassword}.`,
  });
  return {};
}

/** The password from the last CreateSMSSandboxPhoneNumber; verifying a Verified number succeeds. */
export async function verifySMSSandboxPhoneNumber(input: { PhoneNumber: string; OneTimePassword: string }, ctx: RequestContext, sns: SnsService) {
  checkSandboxNumber(input.PhoneNumber);
  if (!OTP.test(input.OneTimePassword)) throw SnsErrors.invalidParameter("OneTimePassword Reason: must be 5 to 8 digits");
  const number = sns.sms.sandboxNumber(ctx, input.PhoneNumber);
  if (!number) throw errors.notFound();
  if (number.status === "Verified") return {};
  if (number.oneTimePassword !== input.OneTimePassword) throw errors.verification();
  await sns.sms.saveSandboxNumber(ctx, { phoneNumber: number.phoneNumber, status: "Verified", languageCode: number.languageCode, createdAt: number.createdAt });
  return {};
}

export async function deleteSMSSandboxPhoneNumber(input: { PhoneNumber: string }, ctx: RequestContext, sns: SnsService) {
  checkSandboxNumber(input.PhoneNumber);
  if (!sns.sms.sandboxNumber(ctx, input.PhoneNumber)) throw errors.notFound();
  await sns.sms.deleteSandboxNumber(ctx, input.PhoneNumber);
  return {};
}

export function listSMSSandboxPhoneNumbers(input: { NextToken?: string; MaxResults?: number }, ctx: RequestContext, sns: SnsService) {
  const size = input.MaxResults ?? MAX_SANDBOX_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_SANDBOX_PAGE) throw SnsErrors.invalidParameter(`MaxResults Reason: must be between 1 and ${MAX_SANDBOX_PAGE}`);
  const { items, nextToken } = pageOf(sns.sms.sandboxNumbers(ctx), input.NextToken, size);
  return { PhoneNumbers: items.map((n) => ({ PhoneNumber: n.phoneNumber, Status: n.status })), NextToken: nextToken };
}

/** Stratus has no origination numbers (toll-free numbers, 10DLC, short codes): always empty. */
export function listOriginationNumbers(input: { NextToken?: string; MaxResults?: number }) {
  const size = input.MaxResults ?? MAX_ORIGINATION_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_ORIGINATION_PAGE) {
    const bound = size < 1 ? "greater than or equal to 1" : `less than or equal to ${MAX_ORIGINATION_PAGE}`;
    throw new ServiceError("ValidationException", `1 validation error detected: Value '${size}' at 'maxResults' failed to satisfy constraint: Member must have value ${bound}`);
  }
  return { PhoneNumbers: [] };
}

/** A page of `size` items; the token is the next item's index (as pagination.ts). */
function pageOf<T>(items: T[], token: string | undefined, size: number): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    start = Number.parseInt(Buffer.from(token, "base64url").toString("utf8"), 10);
    if (!Number.isInteger(start) || start < 0) throw SnsErrors.invalidParameter("NextToken");
  }
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString("base64url") : undefined;
  return { items: items.slice(start, start + size), nextToken: next };
}
