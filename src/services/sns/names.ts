/**
 * Topic names and ARNs. Names: 1–256 letters, digits, `-` and `_`; FIFO topics end in `.fifo`.
 * https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
 */
import { arn, parseArn } from "../../core/ids.js";

const NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

export function isValidTopicName(name: string, fifo: boolean): boolean {
  return fifo ? FIFO_NAME.test(name) : NAME.test(name);
}

export function topicArn(region: string, accountId: string, name: string): string {
  return arn("sns", region, accountId, name);
}

export interface TopicRef {
  region: string;
  accountId: string;
  name: string;
}

/** `arn:aws:sns:<region>:<account>:<name>`; undefined for anything else. */
export function parseTopicArn(value: string): TopicRef | undefined {
  const p = parseArn(value);
  if (!p || p.service !== "sns" || !/^\d{12}$/.test(p.account) || !p.region || p.resource.includes(":")) return undefined;
  return { region: p.region, accountId: p.account, name: p.resource };
}

/** The topic ARN inside a subscription ARN (`<topic arn>:<uuid>`). */
export function topicArnOfSubscription(subscriptionArn: string): string | undefined {
  const p = parseArn(subscriptionArn);
  if (!p || p.service !== "sns") return undefined;
  const colon = p.resource.lastIndexOf(":");
  return colon > 0 ? subscriptionArn.slice(0, subscriptionArn.length - (p.resource.length - colon)) : undefined;
}

/**
 * Whose resource a request may touch: the caller's account and region, except for the
 * unsigned SubscribeURL / UnsubscribeURL links, which act on the resource their ARN names.
 */
export function ownerOf(resourceArn: string | undefined, ctx: { accountId: string; region: string; authenticated: boolean }): { accountId: string; region: string } {
  if (ctx.authenticated || !resourceArn) return ctx;
  const p = parseArn(resourceArn);
  return p && p.service === "sns" ? { accountId: p.account, region: p.region } : ctx;
}
