/**
 * Phone number checks for the SMS operations: E.164 for the opt-out list, AWS's documented
 * pattern for the SMS sandbox.
 * https://docs.aws.amazon.com/sns/latest/api/API_CheckIfPhoneNumberIsOptedOut.html
 * https://docs.aws.amazon.com/sns/latest/api/API_CreateSMSSandboxPhoneNumber.html
 */
import { SnsErrors } from "../errors.js";

const E164 = /^\+?[1-9]\d{1,14}$/;
const SANDBOX_NUMBER = /^(\+[0-9]{8,}|[0-9]{0,9})$/;
const MAX_SANDBOX_NUMBER_CHARS = 20;

const badNumber = () => SnsErrors.invalidParameter("PhoneNumber Reason: input incorrectly formatted");

export function checkE164(phoneNumber: string): void {
  if (!E164.test(phoneNumber)) throw badNumber();
}

export function checkSandboxNumber(phoneNumber: string): void {
  if (phoneNumber === "" || phoneNumber.length > MAX_SANDBOX_NUMBER_CHARS || !SANDBOX_NUMBER.test(phoneNumber)) throw badNumber();
}
