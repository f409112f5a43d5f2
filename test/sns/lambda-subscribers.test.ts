/**
 * SNS → Lambda: the function is invoked asynchronously with AWS's SNS event record; a
 * subscription to a function that does not exist sends the message to its dead-letter queue.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from "@aws-sdk/client-sns";
import { functionArn, startLambda, type LambdaHarness } from "../lambda/support.js";
import { deploy, eventually, functionLogs } from "../lambda/invoke-support.js";
import { drain, queue, snsClient, type SnsHarness } from "./support.js";
import { sqsClient } from "../helpers/stratus.js";

let lh: LambdaHarness;
let h: SnsHarness;
before(async () => {
  lh = await startLambda();
  h = { server: lh.server, sns: snsClient(lh.server), sqs: sqsClient(lh.server) };
});
after(() => lh.server.stop());

test("a Lambda subscriber gets the SNS event record", async () => {
  await deploy(lh, "on-sns", "exports.handler = async (event) => { console.log('EVENT ' + JSON.stringify(event)); };\n");
  const { TopicArn } = await h.sns.send(new CreateTopicCommand({ Name: "to-lambda" }));
  const { SubscriptionArn } = await h.sns.send(new SubscribeCommand({ TopicArn, Protocol: "lambda", Endpoint: functionArn("on-sns") }));
  const { MessageId } = await h.sns.send(new PublishCommand({ TopicArn, Message: "to the function", MessageAttributes: { k: { DataType: "String", StringValue: "v" } } }));
  const line = await eventually(async () => {
    const { body } = await functionLogs(lh, "on-sns");
    return (body.lines as string[]).find((l) => l.includes("EVENT "));
  }, 15_000, "the function to run");
  const event = JSON.parse(line.slice(line.indexOf("EVENT ") + 6));
  const [record] = event.Records;
  assert.equal(record.EventSource, "aws:sns");
  assert.equal(record.EventVersion, "1.0");
  assert.equal(record.EventSubscriptionArn, SubscriptionArn);
  assert.deepEqual(Object.keys(record.Sns), ["Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertUrl", "UnsubscribeUrl", "MessageAttributes"]);
  assert.equal(record.Sns.MessageId, MessageId);
  assert.equal(record.Sns.Subject, null);
  assert.equal(record.Sns.Message, "to the function");
  assert.deepEqual(record.Sns.MessageAttributes, { k: { Type: "String", Value: "v" } });
});

test("a missing function is a client-side error: the message goes to the subscription's DLQ", async () => {
  const { TopicArn } = await h.sns.send(new CreateTopicCommand({ Name: "to-nowhere" }));
  const dlq = await queue(h, "to-nowhere-dlq");
  await h.sns.send(new SubscribeCommand({ TopicArn, Protocol: "lambda", Endpoint: functionArn("does-not-exist"), Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) } }));
  await h.sns.send(new PublishCommand({ TopicArn, Message: "lost?" }));
  const [dead] = await drain(h, dlq.url);
  assert.equal(JSON.parse(dead.Body!).Message, "lost?");
});
