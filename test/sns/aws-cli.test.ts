/**
 * SNS through the AWS CLI (botocore, Python: a second, independent query-protocol client):
 * topics, an SQS subscription with a filter policy, publish with attributes, and an error's
 * code and message as the CLI prints them.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findCli, NO_CLI, runCli } from "../helpers/aws-cli.js";
import { drain, queue, startSns, type SnsHarness } from "./support.js";

const cli = findCli();

describe("SNS through the AWS CLI", { skip: cli ? false : NO_CLI }, () => {
  let h: SnsHarness;
  let home: string;
  before(async () => {
    h = await startSns();
    home = mkdtempSync(join(tmpdir(), "stratus-sns-cli-"));
  });
  after(async () => {
    await h?.server.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  async function ok(...args: string[]): Promise<any> {
    const r = await runCli(cli!.bin, h.server.endpoint, home, args);
    assert.equal(r.code, 0, `aws ${args.join(" ")} failed (${r.code}):\n${r.stderr}`);
    return r.json;
  }

  test(`topics, a filtered SQS subscription and publish (${cli?.version ?? "no CLI"})`, async () => {
    const { TopicArn } = await ok("sns", "create-topic", "--name", "cli-topic", "--attributes", "DisplayName=From the CLI", "--tags", "Key=team,Value=core");
    assert.equal(TopicArn, "arn:aws:sns:us-east-1:000000000000:cli-topic");
    const q = await queue(h, "cli-topic-q");
    const { SubscriptionArn } = await ok("sns", "subscribe", "--topic-arn", TopicArn, "--protocol", "sqs", "--notification-endpoint", q.arn, "--attributes", JSON.stringify({ FilterPolicy: '{"kind":["wanted"]}', RawMessageDelivery: "true" }));
    assert.match(SubscriptionArn, /^arn:aws:sns:us-east-1:000000000000:cli-topic:[0-9a-f-]{36}$/);
    const attrs = await ok("sns", "get-topic-attributes", "--topic-arn", TopicArn);
    assert.equal(attrs.Attributes.DisplayName, "From the CLI");
    assert.equal(attrs.Attributes.SubscriptionsConfirmed, "1");
    assert.deepEqual((await ok("sns", "list-tags-for-resource", "--resource-arn", TopicArn)).Tags, [{ Key: "team", Value: "core" }]);
    const wanted = await ok("sns", "publish", "--topic-arn", TopicArn, "--message", "for you", "--message-attributes", JSON.stringify({ kind: { DataType: "String", StringValue: "wanted" } }));
    assert.match(wanted.MessageId, /^[0-9a-f-]{36}$/);
    await ok("sns", "publish", "--topic-arn", TopicArn, "--message", "not for you", "--message-attributes", JSON.stringify({ kind: { DataType: "String", StringValue: "other" } }));
    assert.deepEqual((await drain(h, q.url)).map((m) => m.Body), ["for you"]);
    const listed = await ok("sns", "list-subscriptions-by-topic", "--topic-arn", TopicArn);
    assert.equal(listed.Subscriptions[0].Endpoint, q.arn);
  });

  test("errors: the code and message AWS gives", async () => {
    const r = await runCli(cli!.bin, h.server.endpoint, home, ["sns", "get-topic-attributes", "--topic-arn", "arn:aws:sns:us-east-1:000000000000:nope"]);
    assert.equal(r.code, 254);
    assert.match(r.stderr, /An error occurred \(NotFound\) when calling the GetTopicAttributes operation: Topic does not exist/);
    const bad = await runCli(cli!.bin, h.server.endpoint, home, ["sns", "create-topic", "--name", "bad name"]);
    assert.match(bad.stderr, /\(InvalidParameter\) when calling the CreateTopic operation: Invalid parameter: Topic Name/);
  });
});
