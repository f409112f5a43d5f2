/**
 * Queue tags (TagQueue, UntagQueue, ListQueueTags, `tags` on CreateQueue) and the access
 * policy AddPermission / RemovePermission edit, as the Policy attribute shows it.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-tags.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { AddPermissionCommand, CreateQueueCommand, ListQueueTagsCommand, RemovePermissionCommand, TagQueueCommand, UntagQueueCommand } from "@aws-sdk/client-sqs";
import { rejection } from "../helpers/stratus.js";
import { ACCOUNT, createQueue, errorFacts, queueAttributes, startHarness, uniqueName, type Harness } from "./support.js";

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h.stop();
});

const tagsOf = async (url: string) => (await h.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags;

describe("tags", () => {
  test("tags given to CreateQueue are listed", async () => {
    const out = await h.sqs.send(new CreateQueueCommand({ QueueName: uniqueName("tagged"), tags: { team: "payments", env: "dev" } }));
    assert.deepEqual(await tagsOf(out.QueueUrl!), { team: "payments", env: "dev" });
  });

  test("TagQueue adds and overwrites, UntagQueue removes, case-sensitively", async () => {
    const url = await createQueue(h.sqs, uniqueName("tagops"));
    assert.equal(await tagsOf(url), undefined, "a queue without tags lists none");
    await h.sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { a: "1", b: "2" } }));
    await h.sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { b: "two", B: "upper", empty: "" } }));
    assert.deepEqual(await tagsOf(url), { a: "1", b: "two", B: "upper", empty: "" });
    await h.sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ["a", "B", "not-there"] }));
    assert.deepEqual(await tagsOf(url), { b: "two", empty: "" });
    await h.sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ["b", "empty"] }));
    assert.equal(await tagsOf(url), undefined);
  });

  test("tags do not take part in CreateQueue's attribute comparison", async () => {
    const name = uniqueName("tagidem");
    const url = await createQueue(h.sqs, name);
    const again = await h.sqs.send(new CreateQueueCommand({ QueueName: name, tags: { x: "y" } }));
    assert.equal(again.QueueUrl, url);
  });

  test("keys of 1 to 128 characters and values of up to 256", async () => {
    const url = await createQueue(h.sqs, uniqueName("taglimits"));
    await h.sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { ["k".repeat(128)]: "v".repeat(256) } }));
    const longKey = await rejection(h.sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { ["k".repeat(129)]: "v" } })));
    assert.equal(longKey.name, "InvalidParameterValue");
    const longValue = await rejection(h.sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { k: "v".repeat(257) } })));
    assert.equal(longValue.name, "InvalidParameterValue");
  });

  test("tag operations on an unknown queue are QueueDoesNotExist", async () => {
    const url = `${h.server.endpoint}/${ACCOUNT}/untagged-nowhere`;
    const err = await rejection(h.sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { a: "b" } })));
    assert.deepEqual(errorFacts(err), { name: "QueueDoesNotExist", code: "AWS.SimpleQueueService.NonExistentQueue", status: 400 });
    assert.equal((await rejection(h.sqs.send(new ListQueueTagsCommand({ QueueUrl: url })))).name, "QueueDoesNotExist");
    assert.equal((await rejection(h.sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ["a"] })))).name, "QueueDoesNotExist");
  });
});

describe("permissions", () => {
  test("AddPermission adds a statement per label to the Policy attribute; RemovePermission takes it out", async () => {
    const name = uniqueName("perms");
    const url = await createQueue(h.sqs, name);
    const arn = `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
    assert.equal((await queueAttributes(h.sqs, url)).Policy, undefined);

    await h.sqs.send(new AddPermissionCommand({ QueueUrl: url, Label: "send-from-111", AWSAccountIds: ["111111111111"], Actions: ["SendMessage"] }));
    await h.sqs.send(
      new AddPermissionCommand({ QueueUrl: url, Label: "consume", AWSAccountIds: ["222222222222", "333333333333"], Actions: ["ReceiveMessage", "DeleteMessage"] }),
    );
    const policy = JSON.parse((await queueAttributes(h.sqs, url)).Policy);
    assert.equal(policy.Version, "2012-10-17");
    assert.deepEqual(policy.Statement, [
      { Sid: "send-from-111", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "SQS:SendMessage", Resource: arn },
      {
        Sid: "consume",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"] },
        Action: ["SQS:ReceiveMessage", "SQS:DeleteMessage"],
        Resource: arn,
      },
    ]);

    await h.sqs.send(new RemovePermissionCommand({ QueueUrl: url, Label: "send-from-111" }));
    assert.deepEqual(JSON.parse((await queueAttributes(h.sqs, url)).Policy).Statement.map((s: { Sid: string }) => s.Sid), ["consume"]);
    await h.sqs.send(new RemovePermissionCommand({ QueueUrl: url, Label: "consume" }));
    assert.equal((await queueAttributes(h.sqs, url)).Policy, undefined);
  });

  test("a label already used, or one that does not exist, is InvalidParameterValue", async () => {
    const url = await createQueue(h.sqs, uniqueName("permlabels"));
    await h.sqs.send(new AddPermissionCommand({ QueueUrl: url, Label: "once", AWSAccountIds: ["111111111111"], Actions: ["*"] }));
    const dup = await rejection(h.sqs.send(new AddPermissionCommand({ QueueUrl: url, Label: "once", AWSAccountIds: ["111111111111"], Actions: ["SendMessage"] })));
    assert.deepEqual(errorFacts(dup), { name: "InvalidParameterValue", code: "InvalidParameterValue", status: 400 });
    const missing = await rejection(h.sqs.send(new RemovePermissionCommand({ QueueUrl: url, Label: "never" })));
    assert.equal(missing.name, "InvalidParameterValue");
  });

  test("unknown actions, bad account ids and bad labels are InvalidParameterValue", async () => {
    const url = await createQueue(h.sqs, uniqueName("permbad"));
    const cases = [
      { Label: "ok", AWSAccountIds: ["111111111111"], Actions: ["DeleteQueue"] },
      { Label: "ok", AWSAccountIds: ["12345"], Actions: ["SendMessage"] },
      { Label: "bad label!", AWSAccountIds: ["111111111111"], Actions: ["SendMessage"] },
    ];
    for (const c of cases) {
      const err = await rejection(h.sqs.send(new AddPermissionCommand({ QueueUrl: url, ...c })));
      assert.equal(err.name, "InvalidParameterValue", JSON.stringify(c));
    }
    assert.equal((await queueAttributes(h.sqs, url)).Policy, undefined);
  });

  test("a Policy set through SetQueueAttributes is extended by AddPermission", async () => {
    const name = uniqueName("permmerge");
    const url = await createQueue(h.sqs, name, {
      Policy: JSON.stringify({ Version: "2012-10-17", Id: "custom", Statement: [{ Sid: "existing", Effect: "Deny", Principal: "*", Action: "SQS:*", Resource: "*" }] }),
    });
    await h.sqs.send(new AddPermissionCommand({ QueueUrl: url, Label: "added", AWSAccountIds: ["111111111111"], Actions: ["GetQueueUrl"] }));
    const policy = JSON.parse((await queueAttributes(h.sqs, url)).Policy);
    assert.equal(policy.Id, "custom");
    assert.deepEqual(policy.Statement.map((s: { Sid: string }) => s.Sid), ["existing", "added"]);
  });
});
