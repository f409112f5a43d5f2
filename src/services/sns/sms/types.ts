/** What SNS keeps for SMS, per account and region: settings, the opt-out list, the sandbox numbers. */

export interface Where {
  accountId: string;
  region: string;
}

export type SandboxStatus = "Pending" | "Verified";

export interface SandboxNumberRecord {
  phoneNumber: string;
  status: SandboxStatus;
  /** The language the one-time password was sent in (CreateSMSSandboxPhoneNumber's LanguageCode). */
  languageCode: string;
  /** The one-time password of a Pending number; cleared once verified. */
  oneTimePassword?: string;
  createdAt: string;
}
