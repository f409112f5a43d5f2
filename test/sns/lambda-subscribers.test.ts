/**
 * SNS → Lambda: the function is invoked asynchronously with AWS's SNS event record; a
 * subscription to a function that does not exist sends the message to its dead-letter queue.
 * Lambda → SNS: destinations and dead-letter targets that are topics.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from "@aws-sdk/client-sns";
import { InvokeCommand, PutFunctionEventInvokeConfigCommand } from "@aws-sdk/client-lambda";
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

test("Lambda's OnSuccess destination and dead-letter target may be SNS topics", async () => {
  const { TopicArn } = await h.sns.send(new CreateTopicCommand({ Name: "lambda-outcomes" }));
  const q = await queue(h, "lambda-outcomes-q");
  await h.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: q.arn, Attributes: { RawMessageDelivery: "true" } }));
  await deploy(lh, "fine", "exports.handler = async (e) => ({ doubled: e.n * 2 });\n");
  await lh.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "fine", DestinationConfig: { OnSuccess: { Destination: TopicArn } } }));
  await lh.lambda.send(new InvokeCommand({ FunctionName: "fine", InvocationType: "Event", Payload: Buffer.from('{"n":21}') }));
  const record = JSON.parse((await eventually(async () => (await drain(h, q.url))[0], 15_000, "the OnSuccess record")).Body!);
  assert.equal(record.requestContext.condition, "Success");
  assert.deepEqual(record.requestPayload, { n: 21 });
  assert.deepEqual(record.responsePayload, { doubled: 42 });

  await deploy(lh, "broken", "exports.handler = async () => { throw new Error('nope'); };\n", { DeadLetterConfig: { TargetArn: TopicArn } });
  await lh.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "broken", MaximumRetryAttempts: 0 }));
  await lh.lambda.send(new InvokeCommand({ FunctionName: "broken", InvocationType: "Event", Payload: Buffer.from('{"lost":true}') }));
  const dead = await eventually(async () => (await drain(h, q.url))[0], 15_000, "the dead-lettered event");
  assert.equal(dead.Body, '{"lost":true}');
  assert.equal(dead.MessageAttributes?.ErrorMessage?.StringValue, "nope");
  assert.ok(dead.MessageAttributes?.RequestID?.StringValue);
});
