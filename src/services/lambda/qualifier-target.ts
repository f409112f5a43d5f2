/**
 * What a Qualifier names for the operations that attach settings to a function, a version or
 * an alias (resource policies, event invoke configs): the ARN, whether it exists, and the
 * RevisionId that guards it.
 */
import { randomUUID } from "node:crypto";
import { LambdaErrors } from "./errors.js";
import { functionArn } from "./names.js";
import type { FunctionRecord } from "./types.js";

export interface QualifierTarget {
  /** `undefined` for the unqualified function. */
  qualifier?: string;
  /** The function's ARN, qualified when a qualifier was given. */
  arn: string;
  revisionId(): string;
  /** Gives the target a new RevisionId (its policy changed). */
  bumpRevision(): void;
}

/**
 * The function, `$LATEST`, a published version or an alias; a version that does not exist is
 * "Function not found", an alias that does not exist "Cannot find alias arn", as AWS words them.
 */
export function requireTarget(fn: FunctionRecord, qualifier: string | undefined): QualifierTarget {
  const latest = { revisionId: () => fn.latest.config.RevisionId, bumpRevision: () => void (fn.latest.config.RevisionId = randomUUID()) };
  if (qualifier === undefined) return { arn: functionArn(fn), ...latest };
  const arn = functionArn(fn, qualifier);
  if (qualifier === "$LATEST") return { qualifier, arn, ...latest };
  if (/^\d+$/.test(qualifier)) {
    const version = fn.versions[qualifier];
    if (!version) throw LambdaErrors.functionNotFound(arn);
    return { qualifier, arn, revisionId: () => version.config.RevisionId, bumpRevision: () => void (version.config.RevisionId = randomUUID()) };
  }
  const alias = fn.aliases[qualifier];
  if (!alias) throw LambdaErrors.notFound(`Cannot find alias arn: ${arn}`);
  return { qualifier, arn, revisionId: () => alias.RevisionId, bumpRevision: () => void (alias.RevisionId = randomUUID()) };
}

/** Whether a qualifier names something that exists (no error). */
export function targetExists(fn: FunctionRecord, qualifier: string | undefined): boolean {
  if (qualifier === undefined || qualifier === "$LATEST") return true;
  return /^\d+$/.test(qualifier) ? fn.versions[qualifier] !== undefined : fn.aliases[qualifier] !== undefined;
}

const QUALIFIER = /^[a-zA-Z0-9$_-]+$/;

/** The Qualifier member's own constraints (length 1–128, `[a-zA-Z0-9$_-]+`). */
export function checkQualifier(qualifier: string | undefined): void {
  if (qualifier === undefined) return;
  if (qualifier.length > 128) throw LambdaErrors.validation(qualifier, "qualifier", "Member must have length less than or equal to 128");
  if (!QUALIFIER.test(qualifier)) throw LambdaErrors.validation(qualifier, "qualifier", "Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)");
}
