/**
 * Subscribe's protocol and endpoint checks, and which protocols need the subscriber to
 * confirm. https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
 */
import { parseArn } from "../../core/ids.js";
import { SnsErrors } from "./errors.js";

export const PROTOCOLS = new Set(["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"]);
/** These subscribers must confirm (SubscriptionConfirmation with a token) before they get messages. */
export const CONFIRMED_BY_SUBSCRIBER = new Set(["http", "https", "email", "email-json"]);

export function checkEndpoint(protocol: string, endpoint: string | undefined): string {
  if (!PROTOCOLS.has(protocol)) throw SnsErrors.invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
  if (endpoint === undefined || endpoint === "") throw SnsErrors.invalidParameter("Invalid parameter: Endpoint");
  const arnOf = (service: string, what: string) => {
    const a = parseArn(endpoint);
    if (!a || a.service !== service || !/^\d{12}$/.test(a.account)) throw SnsErrors.invalidParameter(`Invalid parameter: ${what}`);
  };
  switch (protocol) {
    case "http":
    case "https":
      if (!endpoint.toLowerCase().startsWith(`${protocol}://`) || !URL.canParse(endpoint)) throw SnsErrors.invalidParameter("Endpoint must match the specified protocol");
      break;
    case "email":
    case "email-json":
      if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw SnsErrors.invalidParameter("Email address");
      break;
    case "sms":
      if (!/^\+?[1-9]\d{1,14}$/.test(endpoint.replace(/[\s()-]/g, ""))) throw SnsErrors.invalidParameter(`Invalid SMS endpoint: ${endpoint}`);
      break;
    case "sqs":
      arnOf("sqs", "SQS endpoint ARN");
      break;
    case "lambda":
      arnOf("lambda", "Lambda endpoint ARN");
      break;
    case "firehose":
      arnOf("firehose", "Firehose endpoint ARN");
      break;
    case "application":
      arnOf("sns", "Application endpoint ARN");
      break;
  }
  return endpoint;
}
