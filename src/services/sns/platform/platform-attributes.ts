/**
 * Platform application and endpoint attributes: which names each takes, their checks, and what
 * Get*Attributes returns (never the credentials).
 * https://docs.aws.amazon.com/sns/latest/api/API_SetPlatformApplicationAttributes.html
 * https://docs.aws.amazon.com/sns/latest/api/API_SetEndpointAttributes.html
 */
import { parseArn } from "../../../core/ids.js";
import { SnsErrors } from "../errors.js";
import { parseTopicArn } from "../names.js";
import type { PlatformApplicationRecord } from "./types.js";

const CREDENTIAL = "PlatformCredential";
const PRINCIPAL = "PlatformPrincipal";
const EVENT_TOPICS = ["EventEndpointCreated", "EventEndpointDeleted", "EventEndpointUpdated", "EventDeliveryFailure"];
const ROLES = ["SuccessFeedbackRoleArn", "FailureFeedbackRoleArn"];
const APPLICATION_ATTRIBUTES = new Set([CREDENTIAL, PRINCIPAL, ...EVENT_TOPICS, ...ROLES, "SuccessFeedbackSampleRate", "ApplePlatformTeamID", "ApplePlatformBundleID"]);
/** Stored, never returned: the push service's secret and (certificate or key id) principal. */
const SECRET = new Set([CREDENTIAL, PRINCIPAL]);

export const ENDPOINT_ATTRIBUTES = new Set(["CustomUserData", "Enabled", "Token"]);
/** https://docs.aws.amazon.com/sns/latest/api/API_CreatePlatformEndpoint.html */
export const MAX_CUSTOM_USER_DATA_BYTES = 2048;
export const MAX_TOKEN_BYTES = 8192;
/** APNS device tokens (hex) are at most 400 characters. */
export const MAX_APNS_TOKEN_CHARS = 400;

const invalid = (detail: string) => SnsErrors.invalidParameter(`Attributes Reason: ${detail}`);

/**
 * CreatePlatformApplication and SetPlatformApplicationAttributes. On create, a credential and a
 * principal come together (GCM has no principal); both may be left out, as a placeholder
 * application to be given credentials later.
 */
export function checkApplicationAttributes(attributes: Record<string, string>, platform: string, create: boolean): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (!APPLICATION_ATTRIBUTES.has(name)) throw invalid(`Invalid attribute name: ${name}`);
    // An empty value clears the attribute.
    if (value === "") continue;
    if (EVENT_TOPICS.includes(name) && !parseTopicArn(value)) throw invalid(`Invalid value for attribute: ${name}: must be a topic ARN`);
    if (ROLES.includes(name) && parseArn(value)?.service !== "iam") throw invalid(`Invalid value for attribute: ${name}: must be an IAM role ARN`);
    if (name === "SuccessFeedbackSampleRate" && !(/^\d{1,3}$/.test(value) && Number(value) <= 100)) throw invalid(`Invalid value for attribute: ${name}: must be an integer from 0 to 100`);
  }
  if (!create) return;
  const credential = attributes[CREDENTIAL] !== undefined;
  const principal = attributes[PRINCIPAL] !== undefined;
  if (principal && !credential) throw invalid("PlatformPrincipal attribute provided without PlatformCredential");
  if (credential && !principal && platform !== "GCM") throw invalid("PlatformCredential attribute provided without PlatformPrincipal");
}

/**
 * GetPlatformApplicationAttributes and ListPlatformApplications: Enabled, what was set except
 * the credentials, and AuthenticationMethod for APNS (Token or Certificate) and GCM (Token or Key).
 */
export function applicationAttributesView(app: PlatformApplicationRecord): Record<string, string> {
  const view: Record<string, string> = { Enabled: "true" };
  for (const [name, value] of Object.entries(app.attributes)) if (!SECRET.has(name)) view[name] = value;
  const credential = app.attributes[CREDENTIAL];
  if (credential !== undefined && credential !== "") {
    if (app.platform === "APNS" || app.platform === "APNS_SANDBOX") {
      view.AuthenticationMethod = app.attributes.ApplePlatformTeamID && app.attributes.ApplePlatformBundleID ? "Token" : "Certificate";
    } else if (app.platform === "GCM") {
      view.AuthenticationMethod = isJsonObject(credential) ? "Token" : "Key";
    }
  }
  return view;
}

function isJsonObject(text: string): boolean {
  try {
    const v = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** CreatePlatformEndpoint's and SetEndpointAttributes' Attributes; returns them with Enabled lower-cased. */
export function checkEndpointAttributes(attributes: Record<string, string>, platform: string): Record<string, string> {
  const out = { ...attributes };
  for (const [name, value] of Object.entries(attributes)) {
    if (!ENDPOINT_ATTRIBUTES.has(name)) throw invalid(`Invalid attribute name: ${name}`);
    if (name === "CustomUserData" && Buffer.byteLength(value) > MAX_CUSTOM_USER_DATA_BYTES) {
      throw invalid(`Invalid value for attribute: CustomUserData: must be at most ${MAX_CUSTOM_USER_DATA_BYTES} bytes long in UTF-8 encoding`);
    }
    if (name === "Enabled") {
      const flag = value.toLowerCase();
      if (flag !== "true" && flag !== "false") throw invalid("Invalid value for attribute: Enabled: must be true or false");
      out.Enabled = flag;
    }
    if (name === "Token") checkToken(value, platform, "Attributes Reason: Invalid value for attribute: Token: ");
  }
  return out;
}

/** A device token: not empty, at most 8 KB, and for APNS at most 400 characters. */
export function checkToken(token: string, platform: string, prefix = "Token Reason: "): void {
  if (token === "") throw SnsErrors.invalidParameter(`${prefix}cannot be empty`);
  if (Buffer.byteLength(token) > MAX_TOKEN_BYTES) throw SnsErrors.invalidParameter(`${prefix}must be at most ${MAX_TOKEN_BYTES} bytes long in UTF-8 encoding`);
  if ((platform === "APNS" || platform === "APNS_SANDBOX") && token.length > MAX_APNS_TOKEN_CHARS) {
    throw SnsErrors.invalidParameter(`${prefix}iOS device tokens must be no more than ${MAX_APNS_TOKEN_CHARS} hexadecimal characters`);
  }
}
