/**
 * ListQueues / ListDeadLetterSourceQueues paging: MaxResults 1–1000; NextToken is opaque to
 * clients (here, the last name returned, base64-encoded).
 */
import { SqsErrors } from "./errors.js";
import { MAX_LIST_QUEUES_RESULTS } from "./limits.js";

export function paginate<T>(items: T[], nameOf: (t: T) => string, maxResults: number | undefined, nextToken: string | undefined): { page: T[]; next?: string } {
  if (maxResults !== undefined && (maxResults < 1 || maxResults > MAX_LIST_QUEUES_RESULTS)) {
    throw SqsErrors.invalidParameter("MaxResults", maxResults, "MaxResults must be an integer between 1 and 1000.");
  }
  let start = 0;
  if (nextToken) {
    let after: string;
    try {
      after = Buffer.from(nextToken, "base64").toString("utf8");
    } catch {
      throw SqsErrors.invalidParameterValue("Invalid NextToken value.");
    }
    start = items.findIndex((t) => nameOf(t) > after);
    if (start === -1) start = items.length;
  }
  const limit = maxResults ?? MAX_LIST_QUEUES_RESULTS;
  const page = items.slice(start, start + limit);
  const more = maxResults !== undefined && start + limit < items.length;
  return { page, next: more ? Buffer.from(nameOf(page[page.length - 1])).toString("base64") : undefined };
}
