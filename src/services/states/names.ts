/**
 * Names and ARNs. A name is 1–80 characters without whitespace, brackets, wildcards,
 * special characters or control characters.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
 */
import { arn, newUuid, parseArn } from "../../core/ids.js";
import { StatesErrors } from "./errors.js";

// Whitespace, brackets < > { } [ ], wildcards ? *, special " # % \ ^ | ~ ` $ & , ; : /, and control characters.
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u;

export function checkName(name: string): void {
  if (name.length < 1 || name.length > 80 || FORBIDDEN.test(name) || hasControlCharacter(name)) throw StatesErrors.invalidName(name);
}

function hasControlCharacter(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

export function stateMachineArn(region: string, accountId: string, name: string): string {
  return arn("states", region, accountId, `stateMachine:${name}`);
}

export interface StateMachineRef {
  region: string;
  accountId: string;
  name: string;
  /** A version number or alias name after the name, when the ARN is qualified. */
  qualifier?: string;
}

/** `arn:aws:states:<region>:<account>:stateMachine:<name>[:<version or alias>]`, or InvalidArn. */
export function parseStateMachineArn(value: string): StateMachineRef {
  const p = parseArn(value);
  const parts = p?.resource.split(":") ?? [];
  if (!p || p.service !== "states" || !/^\d{12}$/.test(p.account) || !p.region || parts[0] !== "stateMachine" || parts.length < 2 || parts.length > 3 || !parts[1]) {
    throw StatesErrors.invalidArn(p && p.service === "states" && parts[0] && parts[0] !== "stateMachine" ? `Resource type not valid in this context: ${parts[0]}` : invalidArnDetail(value));
  }
  return { region: p.region, accountId: p.account, name: parts[1], qualifier: parts[2] };
}

/** An IAM role ARN as CreateStateMachine wants it. */
export function checkRoleArn(value: string): void {
  const p = parseArn(value);
  if (!p || p.service !== "iam" || !p.resource.startsWith("role/")) throw StatesErrors.invalidArn(invalidArnDetail(value));
}

/** What AWS says about a string that is not a well-formed ARN. */
function invalidArnDetail(value: string): string {
  return value.startsWith("arn:") ? `Invalid ARN: ${value}` : `Invalid ARN prefix: ${value}`;
}

export function executionArn(machine: StateMachineRef, name: string): string {
  return arn("states", machine.region, machine.accountId, `execution:${machine.name}:${name}`);
}

/** An Express execution's ARN: `express:<machine>:<name>:<id>` (the id keeps reused names apart). */
export function expressExecutionArn(machine: { region: string; accountId: string; name: string }, name: string): string {
  return arn("states", machine.region, machine.accountId, `express:${machine.name}:${name}:${newUuid()}`);
}

/** `arn:aws:states:<region>:<account>:execution:<machine>:<name>`, or InvalidArn. */
export function parseExecutionArn(value: string): { region: string; accountId: string; machine: string; name: string } {
  const p = parseArn(value);
  const parts = p?.resource.split(":") ?? [];
  if (!p || p.service !== "states" || !/^\d{12}$/.test(p.account) || parts.length !== 3 || !parts[1] || !parts[2] || parts[0] !== "execution") {
    throw StatesErrors.invalidArn(p && p.service === "states" && parts[0] && parts[0] !== "execution" ? `Resource type not valid in this context: ${parts[0]}` : invalidArnDetail(value));
  }
  return { region: p.region, accountId: p.account, machine: parts[1], name: parts[2] };
}

/** `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>`, or InvalidArn. */
export function parseMapRunArn(value: string): { region: string; accountId: string } {
  const p = parseArn(value);
  const parts = p?.resource.split(":") ?? [];
  if (!p || p.service !== "states" || !/^\d{12}$/.test(p.account) || parts.length !== 3 || parts[0] !== "mapRun" || !parts[1].includes("/") || !parts[2]) {
    throw StatesErrors.invalidArn(p && p.service === "states" && parts[0] && parts[0] !== "mapRun" ? `Resource type not valid in this context: ${parts[0]}` : invalidArnDetail(value));
  }
  return { region: p.region, accountId: p.account };
}
