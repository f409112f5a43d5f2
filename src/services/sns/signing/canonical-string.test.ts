import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalStringToSign, type SignableFields } from "./canonical-string.js";

const TOPIC = "arn:aws:sns:us-east-1:000000000000:orders";
const base = {
  MessageId: "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
  TopicArn: TOPIC,
  Timestamp: "2024-05-06T07:08:09.123Z",
};

test("a Notification with a Subject signs Message, MessageId, Subject, Timestamp, TopicArn, Type", () => {
  const text = canonicalStringToSign({ ...base, Type: "Notification", Subject: "Hi", Message: "hello\nworld" });
  assert.equal(text,
    "Message\nhello\nworld\n" +
    "MessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\n" +
    "Subject\nHi\n" +
    "Timestamp\n2024-05-06T07:08:09.123Z\n" +
    `TopicArn\n${TOPIC}\n` +
    "Type\nNotification\n");
});

test("a Notification without a Subject (absent or null, as in Lambda records) leaves it out", () => {
  const expected =
    "Message\n{\"a\":1}\n" +
    "MessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\n" +
    "Timestamp\n2024-05-06T07:08:09.123Z\n" +
    `TopicArn\n${TOPIC}\n` +
    "Type\nNotification\n";
  assert.equal(canonicalStringToSign({ ...base, Type: "Notification", Message: "{\"a\":1}" }), expected);
  assert.equal(canonicalStringToSign({ ...base, Type: "Notification", Message: "{\"a\":1}", Subject: null }), expected);
});

test("a Notification ignores SubscribeURL and Token even if given", () => {
  const fields: SignableFields = { ...base, Type: "Notification", Message: "m", SubscribeURL: "http://x", Token: "t" };
  assert.doesNotMatch(canonicalStringToSign(fields), /SubscribeURL|Token/);
});

for (const type of ["SubscriptionConfirmation", "UnsubscribeConfirmation"] as const) {
  test(`a ${type} signs Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type`, () => {
    const url = `http://localhost:4566/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=abc123`;
    const text = canonicalStringToSign({
      ...base, Type: type, Message: "You have chosen to subscribe.", SubscribeURL: url, Token: "abc123",
      Subject: "never signed for confirmations",
    });
    assert.equal(text,
      "Message\nYou have chosen to subscribe.\n" +
      "MessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\n" +
      `SubscribeURL\n${url}\n` +
      "Timestamp\n2024-05-06T07:08:09.123Z\n" +
      "Token\nabc123\n" +
      `TopicArn\n${TOPIC}\n` +
      `Type\n${type}\n`);
  });

  test(`a ${type} without its Token or SubscribeURL is refused`, () => {
    assert.throws(() => canonicalStringToSign({ ...base, Type: type, Message: "m", SubscribeURL: "http://x" }), /needs Token/);
    assert.throws(() => canonicalStringToSign({ ...base, Type: type, Message: "m", Token: "t" }), /needs SubscribeURL/);
  });
}

test("an empty Message is still signed; an unknown Type is refused", () => {
  assert.match(canonicalStringToSign({ ...base, Type: "Notification", Message: "" }), /^Message\n\nMessageId\n/);
  assert.throws(() => canonicalStringToSign({ ...base, Type: "Bogus" as "Notification", Message: "m" }), /unknown SNS message type/);
});
