import { randomUUID } from "node:crypto";

/** AWS request ids are UUIDs. */
export function newRequestId(): string {
  return randomUUID();
}

export function newUuid(): string {
  return randomUUID();
}

export const DEFAULT_ACCOUNT_ID = "000000000000";
export const DEFAULT_REGION = "us-east-1";

/** `arn:aws:<service>:<region>:<account>:<resource>` */
export function arn(service: string, region: string, account: string, resource: string): string {
  return `arn:aws:${service}:${region}:${account}:${resource}`;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(value: string): ParsedArn | undefined {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/** A 12-digit access key id names the account (DESIGN §2); anything else maps to the default. */
export function accountFromAccessKey(accessKeyId: string | undefined): string {
  return accessKeyId && /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT_ID;
}
