/**
 * Queue URLs. Stratus mints `http://<host>:<port>/<account>/<name>` from the host the client
 * used, and accepts AWS's own forms too (`https://sqs.<region>.amazonaws.com/<account>/<name>`,
 * `https://queue.amazonaws.com/<account>/<name>`), so configuration copied from AWS works.
 */
import type { QueueKey } from "./types.js";

export function queueUrl(endpoint: string, accountId: string, name: string): string {
  return `${endpoint}/${accountId}/${name}`;
}

export function queueArn(k: QueueKey): string {
  return `arn:aws:sqs:${k.region}:${k.accountId}:${k.name}`;
}

export interface ParsedQueueUrl {
  accountId: string;
  name: string;
  /** Only AWS-form URLs name a region. */
  region?: string;
}

/** Every SQS call names its queue by URL, and a client reuses a handful: parse each once. */
const parsed = new Map<string, ParsedQueueUrl | undefined>();
const MAX_PARSED = 10_000;

export function parseQueueUrl(value: string): ParsedQueueUrl | undefined {
  if (parsed.has(value)) return parsed.get(value);
  const result = parseQueueUrlText(value);
  if (result) Object.freeze(result);
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(value, result);
  return result;
}

function parseQueueUrlText(value: string): ParsedQueueUrl | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const parts = url.pathname.split("/").filter(Boolean);
  if (parts.length !== 2 || !/^\d{12}$/.test(parts[0])) return undefined;
  const m = /^sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(url.hostname) ?? /^([a-z0-9-]+)\.queue\.amazonaws\.com$/.exec(url.hostname);
  return { accountId: parts[0], name: decodeURIComponent(parts[1]), region: m?.[1] };
}

export function parseQueueArn(arn: string): QueueKey | undefined {
  const m = /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]+)$/.exec(arn);
  return m ? { region: m[1], accountId: m[2], name: m[3] } : undefined;
}
