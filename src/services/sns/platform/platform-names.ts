/**
 * Platform applications and endpoints: platforms, names and ARNs.
 * `arn:aws:sns:<region>:<account>:app/<PLATFORM>/<name>` and
 * `arn:aws:sns:<region>:<account>:endpoint/<PLATFORM>/<app name>/<uuid>`.
 * https://docs.aws.amazon.com/sns/latest/api/API_CreatePlatformApplication.html
 */
import { arn, parseArn } from "../../../core/ids.js";
import { SnsErrors } from "../errors.js";

/** The push services a platform application can name (CreatePlatformApplication's Platform). */
export const PLATFORMS = new Set(["ADM", "APNS", "APNS_SANDBOX", "GCM", "BAIDU", "MPNS", "WNS"]);

/** Application names: 1–256 letters, digits, `_`, `-` and `.`. */
const APP_NAME = /^[A-Za-z0-9_.-]+$/;
const MAX_APP_NAME = 256;

export function checkApplicationName(name: string): void {
  let reason: string | undefined;
  if (name === "") reason = "cannot be empty";
  else if (name.length > MAX_APP_NAME) reason = `must be at most ${MAX_APP_NAME} characters long`;
  else if (!APP_NAME.test(name)) reason = "must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-', and '.'";
  if (reason) throw SnsErrors.invalidParameter(`${name} Reason: ${reason}`);
}

export function checkPlatform(platform: string): void {
  if (!PLATFORMS.has(platform)) throw SnsErrors.invalidParameter(`Platform Reason: ${platform} is not supported`);
}

export function applicationArn(region: string, accountId: string, platform: string, name: string): string {
  return arn("sns", region, accountId, `app/${platform}/${name}`);
}

export function endpointArn(region: string, accountId: string, platform: string, appName: string, id: string): string {
  return arn("sns", region, accountId, `endpoint/${platform}/${appName}/${id}`);
}

/**
 * Checks the shape of a PlatformApplicationArn or EndpointArn parameter, with AWS's messages
 * for something that is not an ARN at all or has the wrong number of `/` parts.
 */
export function checkResourceArn(member: "PlatformApplicationArn" | "EndpointArn" | "TargetArn", value: string): void {
  const parsed = parseArn(value);
  if (!parsed) throw SnsErrors.invalidParameter(`${member} Reason: An ARN must have at least 6 elements, not ${value.split(":").length}`);
  const slashes = member === "PlatformApplicationArn" ? 2 : 3;
  if (parsed.resource.split("/").length - 1 !== slashes) throw SnsErrors.invalidParameter(`${member} Reason: Wrong number of slashes in relative portion of the ARN.`);
}

/** Whether a Publish TargetArn names a platform endpoint rather than a topic. */
export function isEndpointArn(value: string | undefined): boolean {
  if (value === undefined) return false;
  const parsed = parseArn(value);
  return parsed !== undefined && parsed.service === "sns" && parsed.resource.startsWith("endpoint/");
}
