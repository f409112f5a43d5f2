/**
 * Task tokens for `.waitForTaskToken` tasks: the execution's ARN (so SendTaskSuccess finds it
 * without an index) and 32 random bytes (so nobody guesses one).
 */
import { randomBytes } from "node:crypto";

export function newTaskToken(executionArn: string): string {
  return `${Buffer.from(executionArn).toString("base64url")}.${randomBytes(32).toString("base64url")}`;
}

/** The execution ARN a token names, or undefined for a malformed token. */
export function executionOfToken(token: string): string | undefined {
  const dot = token.indexOf(".");
  if (dot <= 0 || dot === token.length - 1) return undefined;
  const arn = Buffer.from(token.slice(0, dot), "base64url").toString("utf8");
  return arn.startsWith("arn:") ? arn : undefined;
}
