/**
 * Execution environments are pooled by function, version and revision: a code or configuration
 * change gets a new RevisionId and so fresh environments, as on AWS after an update.
 */
import { functionArn } from "./names.js";

type Fn = { accountId: string; region: string; name: string };

export function poolKey(fn: Fn, version: string, revisionId: string): string {
  return `${poolKeyPrefix(fn, version)}${revisionId}`;
}

/** The prefix of every pool of a function, or of one of its versions. */
export function poolKeyPrefix(fn: Fn, version?: string): string {
  return `${functionArn(fn)}|${version !== undefined ? `${version}|` : ""}`;
}
