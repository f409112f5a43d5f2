import { LambdaErrors } from "./errors.js";

/** Optimistic locking: a RevisionId that no longer matches fails with PreconditionFailedException. */
export function checkRevision(current: string, given: string | undefined): void {
  if (given !== undefined && given !== current) {
    throw LambdaErrors.preconditionFailed("The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
  }
}
