/**
 * Sending, receiving and deleting single messages: digests, message attributes (selection by
 * name and prefix, count and size limits), system attributes, body rules, receive parameters,
 * receipt handles.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DeleteMessageCommand, ReceiveMessageCommand, type MessageAttributeValue } from "@aws-sdk/client-sqs";
import { rejection } from "../helpers/stratus.js";
import { ACCOUNT, counts, createQueue, errorFacts, md5, md5OfAttributes, receive, receiveBodies, send, startHarness, uniqueName, type Harness } from "./support.js";

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h.stop();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ATTRIBUTES: Record<string, MessageAttributeValue> = {
  "order.id": { DataType: "String", StringValue: "o-42" },
  "order.total": { DataType: "Number", StringValue: "19.99" },
  "order.items": { DataType: "Number.int", StringValue: "3" },
  city: { DataType: "String", StringValue: "Zürich ✓" },
  thumbnail: { DataType: "Binary", BinaryValue: Uint8Array.of(0, 1, 2, 253, 254, 255) },
  "blob.jpg": { DataType: "Binary.jpg", BinaryValue: Buffer.from("not really a jpeg") },
  Upper: { DataType: "String.custom", StringValue: "sorted before lower case" },
};

function plain(attrs: Record<string, MessageAttributeValue> | undefined): Record<string, { DataType?: string; StringValue?: string; BinaryValue?: string }> {
  const out: Record<string, { DataType?: string; StringValue?: string; BinaryValue?: string }> = {};
  for (const [k, v] of Object.entries(attrs ?? {})) {
    out[k] = { DataType: v.DataType, ...(v.StringValue !== undefined ? { StringValue: v.StringValue } : {}), ...(v.BinaryValue ? { BinaryValue: Buffer.from(v.BinaryValue).toString("hex") } : {}) };
  }
  return out;
}

function pick(names: string[]): Record<string, MessageAttributeValue> {
  return Object.fromEntries(names.map((n) => [n, ATTRIBUTES[n]]));
}

describe("digests", () => {
  test("SendMessage returns a UUID MessageId and the MD5s of the body and of the attributes", async () => {
    const url = await createQueue(h.sqs, uniqueName("md5send"));
    const body = "héllo wörld — 👋";
    const out = await send(h.sqs, url, body, { MessageAttributes: ATTRIBUTES });
    assert.match(out.MessageId!, UUID);
    assert.equal(out.MD5OfMessageBody, md5(body));
    assert.equal(out.MD5OfMessageAttributes, md5OfAttributes(ATTRIBUTES));
    assert.equal(out.MD5OfMessageSystemAttributes, undefined);
    assert.equal(out.SequenceNumber, undefined);
  });

  test("one String attribute digests as MD5(len(name) name len(type) type 0x01 len(value) value)", async () => {
    // Spelled out byte by byte, so that a shared mistake in both implementations cannot hide.
    const url = await createQueue(h.sqs, uniqueName("md5known"));
    const attrs = { a: { DataType: "String", StringValue: "v" } };
    const out = await send(h.sqs, url, "x", { MessageAttributes: attrs });
    const expected = md5(Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from("a"), Buffer.from([0, 0, 0, 6]), Buffer.from("String"), Buffer.from([1]), Buffer.from([0, 0, 0, 1]), Buffer.from("v")]));
    assert.equal(out.MD5OfMessageAttributes, expected);
  });

  test("without attributes, MessageAttributes and MD5OfMessageAttributes are absent on send and receive", async () => {
    const url = await createQueue(h.sqs, uniqueName("noattrs"));
    const out = await send(h.sqs, url, "bare");
    assert.equal(out.MD5OfMessageAttributes, undefined);
    const [m] = await receive(h.sqs, url, { MessageAttributeNames: ["All"] });
    assert.equal(m.Body, "bare");
    assert.equal(m.MD5OfBody, md5("bare"));
    assert.equal(m.MessageAttributes, undefined);
    assert.equal(m.MD5OfMessageAttributes, undefined);
  });
});

describe("message attributes on receive", () => {
  let url: string;

  before(async () => {
    url = await createQueue(h.sqs, uniqueName("attrselect"), { VisibilityTimeout: "0" });
    await send(h.sqs, url, "with attributes", { MessageAttributes: ATTRIBUTES });
  });

  const cases: Array<[string, string[] | undefined, string[]]> = [
    ["All", ["All"], Object.keys(ATTRIBUTES)],
    [".*", [".*"], Object.keys(ATTRIBUTES)],
    ["names", ["city", "thumbnail", "missing"], ["city", "thumbnail"]],
    ["a prefix", ["order.*"], ["order.id", "order.total", "order.items"]],
    ["a prefix and a name", ["blob.*", "Upper"], ["blob.jpg", "Upper"]],
    ["nothing that exists", ["nothing", "none.*"], []],
    ["no names", undefined, []],
  ];

  for (const [label, names, expected] of cases) {
    test(`asking for ${label} returns those attributes, and the MD5 covers exactly them`, async () => {
      const [m] = await receive(h.sqs, url, { MessageAttributeNames: names });
      assert.equal(m.Body, "with attributes");
      if (expected.length === 0) {
        assert.equal(m.MessageAttributes, undefined);
        assert.equal(m.MD5OfMessageAttributes, undefined);
        return;
      }
      assert.deepEqual(plain(m.MessageAttributes), plain(pick(expected)));
      assert.equal(m.MD5OfMessageAttributes, md5OfAttributes(pick(expected)));
    });
  }
});

describe("message attribute rules", () => {
  let url: string;

  before(async () => {
    url = await createQueue(h.sqs, uniqueName("attrrules"));
  });

  test("ten attributes are allowed, eleven are InvalidParameterValue", async () => {
    const make = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, { DataType: "String", StringValue: String(i) }]));
    const ok = await send(h.sqs, url, "ten", { MessageAttributes: make(10) });
    assert.equal(ok.MD5OfMessageAttributes, md5OfAttributes(make(10)));
    const err = await rejection(send(h.sqs, url, "eleven", { MessageAttributes: make(11) }));
    assert.deepEqual(errorFacts(err), { name: "InvalidParameterValue", code: "InvalidParameterValue", status: 400 });
  });

  const invalid: Array<[string, Record<string, MessageAttributeValue>]> = [
    ["a reserved AWS. prefix", { "AWS.thing": { DataType: "String", StringValue: "x" } }],
    ["a reserved amazon. prefix", { "amazon.thing": { DataType: "String", StringValue: "x" } }],
    ["a leading period", { ".x": { DataType: "String", StringValue: "x" } }],
    ["a trailing period", { "x.": { DataType: "String", StringValue: "x" } }],
    ["successive periods", { "a..b": { DataType: "String", StringValue: "x" } }],
    ["a bad character", { "a b": { DataType: "String", StringValue: "x" } }],
    ["a 257-character name", { ["n".repeat(257)]: { DataType: "String", StringValue: "x" } }],
    ["an unknown type", { a: { DataType: "Integer", StringValue: "1" } }],
    ["a Number that is not a number", { a: { DataType: "Number", StringValue: "one" } }],
    ["an empty String value", { a: { DataType: "String", StringValue: "" } }],
    ["a String without a value", { a: { DataType: "String" } }],
    ["a Binary without a value", { a: { DataType: "Binary" } }],
    ["a String value with a forbidden character", { a: { DataType: "String", StringValue: "bad\u0001" } }],
  ];

  for (const [label, attrs] of invalid) {
    test(`an attribute with ${label} is InvalidParameterValue`, async () => {
      const err = await rejection(send(h.sqs, url, "x", { MessageAttributes: attrs }));
      assert.equal(err.name, "InvalidParameterValue");
      assert.equal(err.$metadata.httpStatusCode, 400);
    });
  }

  test("a 256-character name and numbers in AWS's forms are accepted", async () => {
    const attrs = {
      ["n".repeat(256)]: { DataType: "String", StringValue: "long name" },
      neg: { DataType: "Number", StringValue: "-1.5e10" },
      big: { DataType: "Number", StringValue: "12345678901234567890123456789012345678" },
    };
    const out = await send(h.sqs, url, "ok", { MessageAttributes: attrs });
    assert.equal(out.MD5OfMessageAttributes, md5OfAttributes(attrs));
  });
});

describe("message size", () => {
  test("the default limit is 1 MiB of body", async () => {
    const url = await createQueue(h.sqs, uniqueName("size1m"));
    const ok = "x".repeat(1_048_576);
    const out = await send(h.sqs, url, ok);
    assert.equal(out.MD5OfMessageBody, md5(ok));
    const err = await rejection(send(h.sqs, url, ok + "x"));
    assert.deepEqual(errorFacts(err), { name: "InvalidParameterValue", code: "InvalidParameterValue", status: 400 });
    const [m] = await receive(h.sqs, url);
    assert.equal(m.Body!.length, 1_048_576);
  });

  test("the size counts UTF-8 bytes of the body and each attribute's name, type and value", async () => {
    const url = await createQueue(h.sqs, uniqueName("size1k"), { MaximumMessageSize: "1024" });
    // 1000-byte body + "abcd" (4) + "String" (6) + 14-byte value = 1024.
    const body = "b".repeat(1000);
    await send(h.sqs, url, body, { MessageAttributes: { abcd: { DataType: "String", StringValue: "v".repeat(14) } } });
    const over = await rejection(send(h.sqs, url, body, { MessageAttributes: { abcd: { DataType: "String", StringValue: "v".repeat(15) } } }));
    assert.equal(over.name, "InvalidParameterValue");
    // Binary values count their bytes: 1000 + "bin" (3) + "Binary" (6) + 15 bytes = 1024.
    await send(h.sqs, url, body, { MessageAttributes: { bin: { DataType: "Binary", BinaryValue: new Uint8Array(15) } } });
    const binOver = await rejection(send(h.sqs, url, body, { MessageAttributes: { bin: { DataType: "Binary", BinaryValue: new Uint8Array(16) } } }));
    assert.equal(binOver.name, "InvalidParameterValue");
    // Multi-byte characters count as their UTF-8 length: 512 × "é" (2 bytes) = 1024 bytes.
    await send(h.sqs, url, "é".repeat(512));
    assert.equal((await rejection(send(h.sqs, url, "é".repeat(512) + "x"))).name, "InvalidParameterValue");
    // The AWSTraceHeader system attribute does not count.
    await send(h.sqs, url, "c".repeat(1024), { MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-5759e988-bd862e3fe1be46a994272793" } } });
  });
});

describe("message body", () => {
  let url: string;

  before(async () => {
    url = await createQueue(h.sqs, uniqueName("body"));
  });

  test("characters outside #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF are InvalidMessageContents", async () => {
    for (const bad of ["nul\u0000", "bell\u0007", "esc\u001b", "nonchar\uFFFE", "nonchar\uFFFF"]) {
      const err = await rejection(send(h.sqs, url, bad));
      assert.deepEqual(errorFacts(err), { name: "InvalidMessageContents", code: "InvalidMessageContents", status: 400 }, JSON.stringify(bad));
    }
  });

  test("a missing MessageBody is MissingParameter", async () => {
    const err = await rejection(send(h.sqs, url, undefined as unknown as string));
    assert.deepEqual(errorFacts(err), { name: "MissingParameter", code: "MissingParameter", status: 400 });
    assert.equal(err.message, "The request must contain the parameter MessageBody.");
  });

  test("tabs, line breaks, XML, JSON and characters beyond the BMP round-trip unchanged", async () => {
    const bodies = ["tab\there\r\nnew line", '<xml a="1">&amp;</xml>', JSON.stringify({ emoji: "🎉", nested: [1, "two"] }), "\uE000\uFFFD𐍈"];
    for (const b of bodies) await send(h.sqs, url, b);
    const got = await receiveBodies(h.sqs, url);
    assert.deepEqual(got.sort(), [...bodies].sort());
  });
});

describe("system attributes", () => {
  test("All returns SenderId, SentTimestamp, ApproximateReceiveCount, ApproximateFirstReceiveTimestamp and AWSTraceHeader", async () => {
    const url = await createQueue(h.sqs, uniqueName("sysattrs"), { VisibilityTimeout: "5" });
    const trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    const sentAt = h.clock.now();
    const sent = await send(h.sqs, url, "traced", { MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: trace } } });
    assert.equal(sent.MD5OfMessageSystemAttributes, md5OfAttributes({ AWSTraceHeader: { DataType: "String", StringValue: trace } }));

    await h.clock.advance(1_500);
    const firstAt = h.clock.now();
    const [m1] = await receive(h.sqs, url, { MessageSystemAttributeNames: ["All"] });
    assert.equal(m1.MessageId, sent.MessageId);
    assert.deepEqual(m1.Attributes, {
      SenderId: ACCOUNT,
      SentTimestamp: String(sentAt),
      ApproximateReceiveCount: "1",
      ApproximateFirstReceiveTimestamp: String(firstAt),
      AWSTraceHeader: trace,
    });

    await h.clock.advance(5_000);
    const [m2] = await receive(h.sqs, url, { MessageSystemAttributeNames: ["ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp"] });
    assert.deepEqual(m2.Attributes, { ApproximateReceiveCount: "2", ApproximateFirstReceiveTimestamp: String(firstAt) });
    assert.notEqual(m2.ReceiptHandle, m1.ReceiptHandle, "every receive has a new receipt handle");

    // The deprecated AttributeNames member still works.
    await h.clock.advance(5_000);
    const [m3] = await receive(h.sqs, url, { AttributeNames: ["SentTimestamp" as any] });
    assert.deepEqual(m3.Attributes, { SentTimestamp: String(sentAt) });
    await h.clock.advance(5_000);
    const [m4] = await receive(h.sqs, url);
    assert.equal(m4.Attributes, undefined, "no system attributes unless asked for");
  });

  test("SenderId is the sending account", async () => {
    const url = await createQueue(h.sqs, uniqueName("sender"));
    await send(h.sqs, url, "from me");
    const [m] = await receive(h.sqs, url, { MessageSystemAttributeNames: ["SenderId"] });
    assert.deepEqual(m.Attributes, { SenderId: ACCOUNT });
  });

  test("only AWSTraceHeader, of type String, is accepted as a message system attribute", async () => {
    const url = await createQueue(h.sqs, uniqueName("sysbad"));
    const other = await rejection(send(h.sqs, url, "x", { MessageSystemAttributes: { SenderId: { DataType: "String", StringValue: "me" } } as any }));
    assert.equal(other.name, "InvalidParameterValue");
    const binary = await rejection(send(h.sqs, url, "x", { MessageSystemAttributes: { AWSTraceHeader: { DataType: "Binary", BinaryValue: Uint8Array.of(1) } } }));
    assert.equal(binary.name, "InvalidParameterValue");
  });

  test("standard queues accept a MessageGroupId (fair queues) and return it", async () => {
    const url = await createQueue(h.sqs, uniqueName("fair"));
    const out = await send(h.sqs, url, "tenant message", { MessageGroupId: "tenant-1" });
    assert.equal(out.SequenceNumber, undefined);
    const [m] = await receive(h.sqs, url, { MessageSystemAttributeNames: ["All"] });
    assert.equal(m.Attributes!.MessageGroupId, "tenant-1");
    assert.equal(m.Attributes!.SequenceNumber, undefined);
  });

  test("MessageDeduplicationId is only for FIFO queues", async () => {
    const url = await createQueue(h.sqs, uniqueName("nodedup"));
    const err = await rejection(send(h.sqs, url, "x", { MessageDeduplicationId: "d" }));
    assert.equal(err.name, "InvalidParameterValue");
  });
});

describe("receive parameters", () => {
  let url: string;

  before(async () => {
    url = await createQueue(h.sqs, uniqueName("recvparams"));
    for (let i = 0; i < 12; i++) await send(h.sqs, url, `m${i}`);
  });

  test("MaxNumberOfMessages defaults to 1 and is at most 10", async () => {
    const one = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    assert.equal(one.Messages!.length, 1);
    const ten = await receive(h.sqs, url, { MaxNumberOfMessages: 10 });
    assert.equal(ten.length, 10);
    assert.equal(new Set(ten.map((m) => m.MessageId)).size, 10);
    const rest = await receive(h.sqs, url);
    assert.equal(rest.length, 1);
    assert.equal((await receive(h.sqs, url)).length, 0);
  });

  const bad: Array<[string, Record<string, number>]> = [
    ["MaxNumberOfMessages 0", { MaxNumberOfMessages: 0 }],
    ["MaxNumberOfMessages 11", { MaxNumberOfMessages: 11 }],
    ["WaitTimeSeconds 21", { WaitTimeSeconds: 21 }],
    ["WaitTimeSeconds -1", { WaitTimeSeconds: -1 }],
    ["VisibilityTimeout 43201", { VisibilityTimeout: 43201 }],
    ["VisibilityTimeout -1", { VisibilityTimeout: -1 }],
  ];
  for (const [label, params] of bad) {
    test(`${label} is InvalidParameterValue`, async () => {
      const err = await rejection(h.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, ...params })));
      assert.deepEqual(errorFacts(err), { name: "InvalidParameterValue", code: "InvalidParameterValue", status: 400 });
    });
  }

  test("DelaySeconds above 900 is InvalidParameterValue", async () => {
    const err = await rejection(send(h.sqs, url, "x", { DelaySeconds: 901 }));
    assert.equal(err.name, "InvalidParameterValue");
  });
});

describe("DeleteMessage", () => {
  test("deletes with the latest receipt handle; an older handle succeeds without deleting", async () => {
    const url = await createQueue(h.sqs, uniqueName("delete"), { VisibilityTimeout: "10" });
    await send(h.sqs, url, "keep me");
    const [first] = await receive(h.sqs, url);
    await h.clock.advance(10_000);
    const [second] = await receive(h.sqs, url);
    assert.equal(second.MessageId, first.MessageId);

    await h.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first.ReceiptHandle }));
    assert.deepEqual(await counts(h.sqs, url), { visible: 0, inFlight: 1, delayed: 0 });

    await h.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: second.ReceiptHandle }));
    assert.deepEqual(await counts(h.sqs, url), { visible: 0, inFlight: 0, delayed: 0 });
    // Deleting again is not an error.
    await h.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: second.ReceiptHandle }));
    await h.clock.advance(60_000);
    assert.deepEqual(await receiveBodies(h.sqs, url), []);
  });

  test("a malformed receipt handle, or one of another queue, is ReceiptHandleIsInvalid (404)", async () => {
    const a = await createQueue(h.sqs, uniqueName("rh-a"));
    const b = await createQueue(h.sqs, uniqueName("rh-b"));
    await send(h.sqs, a, "in a");
    const [m] = await receive(h.sqs, a);
    for (const handle of ["garbage", "dGhpcyBpcyBub3QgYSBoYW5kbGU="]) {
      const err = await rejection(h.sqs.send(new DeleteMessageCommand({ QueueUrl: a, ReceiptHandle: handle })));
      assert.deepEqual(errorFacts(err), { name: "ReceiptHandleIsInvalid", code: "ReceiptHandleIsInvalid", status: 404 }, handle);
    }
    const cross = await rejection(h.sqs.send(new DeleteMessageCommand({ QueueUrl: b, ReceiptHandle: m.ReceiptHandle })));
    assert.equal(cross.name, "ReceiptHandleIsInvalid");
    assert.deepEqual(await counts(h.sqs, a), { visible: 0, inFlight: 1, delayed: 0 });
  });
});
