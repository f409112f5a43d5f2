/**
 * Execution environments are pooled by function, version and revision: a code or configuration
 * change gets a new RevisionId and so fresh environments, as on AWS after an update.
 */
import { functionArn } from "./names.js";
import type { ExecutionEngine } from "./runtime/types.js";

type Fn = { accountId: string; region: string; name: string };

export function poolKey(fn: Fn, version: string, revisionId: string): string {
  return `${poolKeyPrefix(fn, version)}${revisionId}`;
}

/** The prefix of every pool of a function, or of one of its versions. */
export function poolKeyPrefix(fn: Fn, version?: string): string {
  return `${functionArn(fn)}|${version !== undefined ? `${version}|` : ""}`;
}

/**
 * After an update of $LATEST: stops the environments of the revision it replaced (idle ones at
 * once, busy ones when their invocation ends), as AWS does once an update completes, rather
 * than leaving the old code running until the idle timeout.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 */
export function retireRevision(engine: ExecutionEngine, fn: Fn, version: string, revisionId: string): Promise<void> {
  return engine.retire(poolKey(fn, version, revisionId));
}
