/** Shared set-up for the SNS tests: a started server, SNS and SQS clients, queue helpers. */
import { SNSClient } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type Message, type SQSClient } from "@aws-sdk/client-sqs";
import type { StartOptions } from "../../src/server/start.js";
import { sqsClient, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

export const REGION = "us-east-1";
export const ACCOUNT = "000000000000";

export type Server = Awaited<ReturnType<typeof startStratus>>;

export interface SnsHarness {
  server: Server;
  sns: SNSClient;
  sqs: SQSClient;
}

export async function startSns(options: StartOptions = {}): Promise<SnsHarness> {
  const server = await startStratus(options);
  return { server, sns: snsClient(server), sqs: sqsClient(server) };
}

export function snsClient(server: { endpoint: string }, accessKeyId = TEST_CREDENTIALS.accessKeyId): SNSClient {
  return new SNSClient({ endpoint: server.endpoint, region: REGION, credentials: { ...TEST_CREDENTIALS, accessKeyId }, maxAttempts: 1 });
}

/** Creates a queue; returns its URL and ARN. */
export async function queue(h: SnsHarness, name: string, attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await h.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await h.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

/** Everything currently visible in a queue (short polls until one comes back empty). */
export async function drain(h: SnsHarness, url: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const { Messages } = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["All"] }));
    if (!Messages?.length) return all;
    all.push(...Messages);
  }
}
