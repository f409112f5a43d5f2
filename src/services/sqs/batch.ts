/**
 * The rules every SQS batch request shares: 1 to 10 entries, distinct ids of at most 80
 * characters of [A-Za-z0-9_-]. Failures of single entries are reported per entry.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-batch-api-actions.html
 */
import { ServiceError } from "../../core/errors.js";
import { SqsErrors } from "./errors.js";
import { MAX_BATCH_ENTRIES } from "./limits.js";

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

export function checkBatch(entries: Array<{ Id?: string }> | undefined, what: string): void {
  if (!entries || entries.length === 0) throw SqsErrors.emptyBatch(what);
  if (entries.length > MAX_BATCH_ENTRIES) throw SqsErrors.tooManyEntries(entries.length);
  const seen = new Set<string>();
  for (const e of entries) {
    if (!e.Id || !ENTRY_ID.test(e.Id)) throw SqsErrors.invalidBatchEntryId();
    if (seen.has(e.Id)) throw SqsErrors.batchIdsNotDistinct(e.Id);
    seen.add(e.Id);
  }
}

export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

export function failureEntry(id: string, err: unknown): BatchFailure {
  if (err instanceof ServiceError) {
    return { Id: id, SenderFault: err.options.senderFault ?? (err.options.status ?? 400) < 500, Code: err.code, Message: err.message };
  }
  return { Id: id, SenderFault: false, Code: "InternalError", Message: "The request processing has failed because of an unknown error." };
}
