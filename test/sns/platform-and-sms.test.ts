/**
 * Mobile push (platform applications and endpoints) and SMS (settings, opt-outs, the SMS
 * sandbox) through the real SNSClient: stored, with AWS's shapes and errors; Publish to an
 * endpoint and the sandbox's one-time passwords are recorded, not sent.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-mobile-application-as-subscriber.html
 * https://docs.aws.amazon.com/sns/latest/dg/sns-sms-sandbox.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  CreatePlatformApplicationCommand,
  CreatePlatformEndpointCommand,
  CreateSMSSandboxPhoneNumberCommand,
  CreateTopicCommand,
  DeleteEndpointCommand,
  DeletePlatformApplicationCommand,
  DeleteSMSSandboxPhoneNumberCommand,
  GetEndpointAttributesCommand,
  GetPlatformApplicationAttributesCommand,
  GetSMSAttributesCommand,
  GetSMSSandboxAccountStatusCommand,
  ListEndpointsByPlatformApplicationCommand,
  ListOriginationNumbersCommand,
  ListPhoneNumbersOptedOutCommand,
  ListPlatformApplicationsCommand,
  ListSMSSandboxPhoneNumbersCommand,
  OptInPhoneNumberCommand,
  PublishCommand,
  SetEndpointAttributesCommand,
  SetPlatformApplicationAttributesCommand,
  SetSMSAttributesCommand,
  VerifySMSSandboxPhoneNumberCommand,
  type SNSClient,
} from "@aws-sdk/client-sns";
import { fails } from "../helpers/stratus.js";
import { ACCOUNT, REGION, snsClient, startSns, type SnsHarness } from "./support.js";

let h: SnsHarness;
before(async () => {
  h = await startSns();
});
after(() => h.server.stop());


interface Recorded {
  type: string;
  protocol: string;
  endpoint: string;
  messageId: string;
  subject?: string;
  body: string;
}

async function deliveries(endpoint: string, query: string): Promise<Recorded[]> {
  const res = await fetch(`${endpoint}/_stratus/sns/deliveries?${query}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { deliveries: Recorded[] }).deliveries;
}

async function app(sns: SNSClient, name: string, platform = "GCM", attributes: Record<string, string> = { PlatformCredential: "server-key" }): Promise<string> {
  return (await sns.send(new CreatePlatformApplicationCommand({ Name: name, Platform: platform, Attributes: attributes }))).PlatformApplicationArn!;
}

async function endpoint(appArn: string, token: string, more: { CustomUserData?: string; Attributes?: Record<string, string> } = {}): Promise<string> {
  return (await h.sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: appArn, Token: token, ...more }))).EndpointArn!;
}

describe("platform applications", () => {
  test("create, get (credentials never returned), set, list, delete (idempotent)", async () => {
    const arn = await app(h.sns, "orders-android");
    assert.equal(arn, `arn:aws:sns:${REGION}:${ACCOUNT}:app/GCM/orders-android`);
    const { Attributes: a } = await h.sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn }));
    assert.deepEqual(a, { Enabled: "true", AuthenticationMethod: "Key" });

    const topic = (await h.sns.send(new CreateTopicCommand({ Name: "push-events" }))).TopicArn!;
    await h.sns.send(new SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn, Attributes: { EventEndpointCreated: topic, SuccessFeedbackSampleRate: "50", PlatformCredential: JSON.stringify({ type: "service_account" }) } }));
    const { Attributes: b } = await h.sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn }));
    assert.deepEqual(b, { Enabled: "true", EventEndpointCreated: topic, SuccessFeedbackSampleRate: "50", AuthenticationMethod: "Token" });
    await h.sns.send(new SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn, Attributes: { SuccessFeedbackSampleRate: "" } }));
    const { Attributes: c } = await h.sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn }));
    assert.equal(c!.SuccessFeedbackSampleRate, undefined, "an empty value removes the attribute");

    const apns = await app(h.sns, "orders-ios", "APNS_SANDBOX", { PlatformCredential: "-----BEGIN PRIVATE KEY-----", PlatformPrincipal: "-----BEGIN CERTIFICATE-----" });
    assert.equal(apns, `arn:aws:sns:${REGION}:${ACCOUNT}:app/APNS_SANDBOX/orders-ios`);
    const { PlatformApplications } = await h.sns.send(new ListPlatformApplicationsCommand({}));
    const listed = PlatformApplications!.find((p) => p.PlatformApplicationArn === apns)!;
    assert.deepEqual(listed.Attributes, { Enabled: "true", AuthenticationMethod: "Certificate" });
    for (const p of PlatformApplications!) {
      assert.equal(p.Attributes!.PlatformCredential, undefined);
      assert.equal(p.Attributes!.PlatformPrincipal, undefined);
    }

    await h.sns.send(new DeletePlatformApplicationCommand({ PlatformApplicationArn: apns }));
    await h.sns.send(new DeletePlatformApplicationCommand({ PlatformApplicationArn: apns }));
    await fails(h.sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: apns })), "NotFoundException", "PlatformApplication does not exist", 404);
  });

  test("creating an existing application returns it with the new attributes applied", async () => {
    const arn = await app(h.sns, "again", "ADM", { PlatformCredential: "secret", PlatformPrincipal: "client-id" });
    assert.equal(await app(h.sns, "again", "ADM", { PlatformCredential: "secret2", PlatformPrincipal: "client-id", ApplePlatformTeamID: "TEAM" }), arn);
    const { Attributes } = await h.sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn }));
    assert.deepEqual(Attributes, { Enabled: "true", ApplePlatformTeamID: "TEAM" });
  });

  test("names, platforms, credentials, attributes and ARNs are checked", async () => {
    const create = (Name: string, Platform: string, Attributes: Record<string, string>) => h.sns.send(new CreatePlatformApplicationCommand({ Name, Platform, Attributes }));
    const cred = { PlatformCredential: "k" };
    await fails(create("bad name", "GCM", cred), "InvalidParameterException", "Invalid parameter: bad name Reason: must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-', and '.'");
    await fails(create("x".repeat(257), "GCM", cred), "InvalidParameterException", /Reason: must be at most 256 characters long$/);
    await fails(create("ok", "FIREFOX", cred), "InvalidParameterException", "Invalid parameter: Platform Reason: FIREFOX is not supported");
    await fails(create("ok", "APNS", { PlatformCredential: "key" }), "InvalidParameterException", "Invalid parameter: Attributes Reason: PlatformCredential attribute provided without PlatformPrincipal");
    await fails(create("ok", "WNS", { PlatformPrincipal: "sid" }), "InvalidParameterException", "Invalid parameter: Attributes Reason: PlatformPrincipal attribute provided without PlatformCredential");
    await fails(create("ok", "GCM", { ...cred, Colour: "blue" }), "InvalidParameterException", "Invalid parameter: Attributes Reason: Invalid attribute name: Colour");
    await fails(create("ok", "GCM", { ...cred, EventEndpointDeleted: "not-a-topic" }), "InvalidParameterException", /EventEndpointDeleted/);
    await fails(create("ok", "GCM", { ...cred, SuccessFeedbackSampleRate: "101" }), "InvalidParameterException", /SuccessFeedbackSampleRate/);
    await fails(create("ok", "GCM", {}), "InvalidParameterException", "Invalid parameter: Attributes Reason: no value for required parameter");
    for (const platform of ["ADM", "APNS", "APNS_SANDBOX", "BAIDU", "MPNS", "WNS"]) await app(h.sns, `all-${platform}`, platform, { PlatformCredential: "c", PlatformPrincipal: "p" });
    await app(h.sns, "placeholder", "BAIDU", { SuccessFeedbackSampleRate: "10" });

    await fails(h.sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: "nope" })), "InvalidParameterException", "Invalid parameter: PlatformApplicationArn Reason: An ARN must have at least 6 elements, not 1");
    await fails(
      h.sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: `arn:aws:sns:${REGION}:${ACCOUNT}:app/GCM` })),
      "InvalidParameterException",
      "Invalid parameter: PlatformApplicationArn Reason: Wrong number of slashes in relative portion of the ARN.",
    );
    const arn = await app(h.sns, "checked");
    await fails(h.sns.send(new SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn, Attributes: { Enabled: "false" } })), "InvalidParameterException", "Invalid parameter: Attributes Reason: Invalid attribute name: Enabled");
    await fails(h.sns.send(new SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: `${arn}-gone`, Attributes: { SuccessFeedbackSampleRate: "1" } })), "NotFoundException", "PlatformApplication does not exist", 404);
  });

  test("another account does not see the application", async () => {
    const arn = await app(h.sns, "private");
    const other = snsClient(h.server, "111111111111");
    await fails(other.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn })), "NotFoundException", "PlatformApplication does not exist", 404);
    const { PlatformApplications } = await other.send(new ListPlatformApplicationsCommand({}));
    assert.deepEqual(PlatformApplications ?? [], []);
    other.destroy();
  });

  test("ListPlatformApplications pages by 100", async () => {
    const other = snsClient(h.server, "222222222222");
    for (let i = 0; i < 105; i++) await app(other, `paged-${String(i).padStart(3, "0")}`);
    const first = await other.send(new ListPlatformApplicationsCommand({}));
    assert.equal(first.PlatformApplications!.length, 100);
    assert.ok(first.NextToken);
    const second = await other.send(new ListPlatformApplicationsCommand({ NextToken: first.NextToken }));
    assert.equal(second.PlatformApplications!.length, 5);
    assert.equal(second.NextToken, undefined);
    assert.equal(second.PlatformApplications![4].PlatformApplicationArn, `arn:aws:sns:${REGION}:222222222222:app/GCM/paged-104`);
    other.destroy();
  });
});

describe("platform endpoints", () => {
  test("create, get, set, list, delete (idempotent)", async () => {
    const appArn = await app(h.sns, "devices");
    const arn = await endpoint(appArn, "token-1", { CustomUserData: "user-42" });
    assert.match(arn, new RegExp(`^arn:aws:sns:${REGION}:${ACCOUNT}:endpoint/GCM/devices/[0-9a-f-]{36}$`));
    const { Attributes: a } = await h.sns.send(new GetEndpointAttributesCommand({ EndpointArn: arn }));
    assert.deepEqual(a, { Token: "token-1", Enabled: "true", CustomUserData: "user-42" });

    await h.sns.send(new SetEndpointAttributesCommand({ EndpointArn: arn, Attributes: { Token: "token-2", Enabled: "False", CustomUserData: "" } }));
    const { Attributes: b } = await h.sns.send(new GetEndpointAttributesCommand({ EndpointArn: arn }));
    assert.deepEqual(b, { Token: "token-2", Enabled: "false" });

    const second = await endpoint(appArn, "token-1");
    assert.notEqual(second, arn, "the old token is free once the endpoint has a new one");
    const { Endpoints } = await h.sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: appArn }));
    assert.deepEqual(
      Endpoints!.map((e) => [e.EndpointArn, e.Attributes]),
      [
        [arn, { Token: "token-2", Enabled: "false" }],
        [second, { Token: "token-1", Enabled: "true" }],
      ],
    );

    await h.sns.send(new DeleteEndpointCommand({ EndpointArn: arn }));
    await h.sns.send(new DeleteEndpointCommand({ EndpointArn: arn }));
    await fails(h.sns.send(new GetEndpointAttributesCommand({ EndpointArn: arn })), "NotFoundException", "Endpoint does not exist", 404);
    const after = await h.sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: appArn }));
    assert.deepEqual(after.Endpoints!.map((e) => e.EndpointArn), [second]);
  });

  test("the same token with the same attributes returns the endpoint; different attributes are refused", async () => {
    const appArn = await app(h.sns, "idempotent");
    const plain = await endpoint(appArn, "plain");
    assert.equal(await endpoint(appArn, "plain"), plain);
    assert.equal(await endpoint(appArn, "plain", { Attributes: { Enabled: "true" } }), plain, "the default Enabled counts as the same");
    await fails(
      endpoint(appArn, "plain", { CustomUserData: "someone" }),
      "InvalidParameterException",
      `Invalid parameter: Token Reason: Endpoint ${plain} already exists with the same Token, but different attributes.`,
    );

    const withData = await endpoint(appArn, "with-data", { CustomUserData: "u1", Attributes: { Enabled: "false" } });
    assert.equal(await endpoint(appArn, "with-data", { CustomUserData: "u1", Attributes: { Enabled: "false" } }), withData);
    assert.equal(await endpoint(appArn, "with-data", { Attributes: { CustomUserData: "u1", Enabled: "false" } }), withData);
    await fails(endpoint(appArn, "with-data", { CustomUserData: "u1" }), "InvalidParameterException", /already exists with the same Token, but different attributes\.$/);

    // An endpoint disabled since is "different" too (AWS's well-known pitfall).
    await h.sns.send(new SetEndpointAttributesCommand({ EndpointArn: plain, Attributes: { Enabled: "false" } }));
    await fails(endpoint(appArn, "plain"), "InvalidParameterException", /already exists with the same Token/);

    // The same token in another application is another endpoint.
    const otherApp = await app(h.sns, "idempotent-2");
    assert.notEqual(await endpoint(otherApp, "plain"), plain);
    // CustomUserData in Attributes wins over the parameter.
    const both = await endpoint(appArn, "both", { CustomUserData: "param", Attributes: { CustomUserData: "attr" } });
    assert.equal((await h.sns.send(new GetEndpointAttributesCommand({ EndpointArn: both }))).Attributes!.CustomUserData, "attr");
  });

  test("tokens, attributes, applications and ARNs are checked", async () => {
    const appArn = await app(h.sns, "endpoint-checks");
    const ios = await app(h.sns, "endpoint-checks-ios", "APNS", { PlatformCredential: "k", PlatformPrincipal: "c" });
    await fails(endpoint(`${appArn}-gone`, "t"), "NotFoundException", "PlatformApplication does not exist", 404);
    await fails(endpoint(appArn, "t", { Attributes: { Colour: "red" } }), "InvalidParameterException", "Invalid parameter: Attributes Reason: Invalid attribute name: Colour");
    await fails(endpoint(appArn, "t", { Attributes: { Enabled: "maybe" } }), "InvalidParameterException", /Invalid value for attribute: Enabled/);
    await fails(
      endpoint(appArn, "t", { CustomUserData: "é".repeat(1025) }),
      "InvalidParameterException",
      "Invalid parameter: Attributes Reason: Invalid value for attribute: CustomUserData: must be at most 2048 bytes long in UTF-8 encoding",
    );
    await fails(endpoint(appArn, "x".repeat(8193)), "InvalidParameterException", "Invalid parameter: Token Reason: must be at most 8192 bytes long in UTF-8 encoding");
    await fails(endpoint(ios, "a".repeat(401)), "InvalidParameterException", "Invalid parameter: Token Reason: iOS device tokens must be no more than 400 hexadecimal characters");
    await endpoint(ios, "a".repeat(400));

    await fails(h.sns.send(new GetEndpointAttributesCommand({ EndpointArn: "arn:aws:sns" })), "InvalidParameterException", "Invalid parameter: EndpointArn Reason: An ARN must have at least 6 elements, not 3");
    await fails(
      h.sns.send(new GetEndpointAttributesCommand({ EndpointArn: `arn:aws:sns:${REGION}:${ACCOUNT}:endpoint/GCM/x` })),
      "InvalidParameterException",
      "Invalid parameter: EndpointArn Reason: Wrong number of slashes in relative portion of the ARN.",
    );
    await fails(h.sns.send(new DeleteEndpointCommand({ EndpointArn: "nope" })), "InvalidParameterException", /EndpointArn Reason: An ARN must have at least 6 elements/);
    const missing = `arn:aws:sns:${REGION}:${ACCOUNT}:endpoint/GCM/endpoint-checks/c1f76c42-192a-4e75-b04f-a9268ce2abf3`;
    await fails(h.sns.send(new SetEndpointAttributesCommand({ EndpointArn: missing, Attributes: { Enabled: "true" } })), "NotFoundException", "Endpoint does not exist", 404);
    await fails(h.sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: `${appArn}2` })), "NotFoundException", "PlatformApplication does not exist", 404);
  });

  test("deleting an application deletes its endpoints", async () => {
    const appArn = await app(h.sns, "short-lived");
    const arn = await endpoint(appArn, "t");
    await h.sns.send(new DeletePlatformApplicationCommand({ PlatformApplicationArn: appArn }));
    await fails(h.sns.send(new GetEndpointAttributesCommand({ EndpointArn: arn })), "NotFoundException", "Endpoint does not exist", 404);
    const again = await app(h.sns, "short-lived");
    assert.deepEqual((await h.sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: again }))).Endpoints ?? [], []);
    assert.notEqual(await endpoint(again, "t"), arn);
  });

  test("ListEndpointsByPlatformApplication pages by 100", async () => {
    const appArn = await app(h.sns, "many-devices");
    const arns: string[] = [];
    for (let i = 0; i < 102; i++) arns.push(await endpoint(appArn, `device-${i}`));
    const first = await h.sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: appArn }));
    assert.equal(first.Endpoints!.length, 100);
    const second = await h.sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: appArn, NextToken: first.NextToken }));
    assert.deepEqual([...first.Endpoints!, ...second.Endpoints!].map((e) => e.EndpointArn), arns);
    assert.equal(second.NextToken, undefined);
  });
});

describe("Publish to a platform endpoint", () => {
  test("is recorded (protocol application) with the platform's message, and returns a MessageId", async () => {
    const appArn = await app(h.sns, "publish-target");
    const arn = await endpoint(appArn, "device-token");
    const { MessageId } = await h.sns.send(new PublishCommand({ TargetArn: arn, Message: "hello device", Subject: "Hi" }));
    assert.match(MessageId!, /^[0-9a-f-]{36}$/);
    const json = JSON.stringify({ default: "fallback", GCM: JSON.stringify({ notification: { title: "t", body: "b" } }), APNS: "{}" });
    const second = await h.sns.send(new PublishCommand({ TargetArn: arn, Message: json, MessageStructure: "json" }));

    const recorded = await deliveries(h.server.endpoint, `protocol=application&endpoint=${encodeURIComponent(arn)}`);
    assert.deepEqual(
      recorded.map((d) => [d.type, d.protocol, d.endpoint, d.messageId, d.body]),
      [
        ["Notification", "application", arn, MessageId, "hello device"],
        ["Notification", "application", arn, second.MessageId, JSON.stringify({ notification: { title: "t", body: "b" } })],
      ],
    );
    assert.equal(recorded[0].subject, "Hi");
    const all = await deliveries(h.server.endpoint, "protocol=application");
    assert.ok(all.length >= 2);
  });

  test("a disabled endpoint, a missing one and a bad message are refused", async () => {
    const appArn = await app(h.sns, "publish-refused");
    const arn = await endpoint(appArn, "off", { Attributes: { Enabled: "false" } });
    await fails(h.sns.send(new PublishCommand({ TargetArn: arn, Message: "x" })), "EndpointDisabledException", "Endpoint is disabled");
    await h.sns.send(new SetEndpointAttributesCommand({ EndpointArn: arn, Attributes: { Enabled: "true" } }));
    await h.sns.send(new PublishCommand({ TargetArn: arn, Message: "x" }));
    await h.sns.send(new DeleteEndpointCommand({ EndpointArn: arn }));
    await fails(h.sns.send(new PublishCommand({ TargetArn: arn, Message: "x" })), "InvalidParameterException", "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified");
    const live = await endpoint(appArn, "on");
    await fails(h.sns.send(new PublishCommand({ TargetArn: live, Message: "{}", MessageStructure: "json" })), "InvalidParameterException", "Invalid parameter: Message Structure - No default entry in JSON message body");
    // A TargetArn that is a topic still publishes to the topic.
    const topic = (await h.sns.send(new CreateTopicCommand({ Name: "target-topic" }))).TopicArn!;
    assert.ok((await h.sns.send(new PublishCommand({ TargetArn: topic, Message: "to the topic" }))).MessageId);
  });
});

describe("SMS attributes and opt-outs", () => {
  test("SetSMSAttributes stores per account; GetSMSAttributes returns all or the ones asked for", async () => {
    const sns = snsClient(h.server, "333333333333");
    assert.deepEqual((await sns.send(new GetSMSAttributesCommand({}))).attributes, { MonthlySpendLimit: "1" });
    await sns.send(new SetSMSAttributesCommand({ attributes: { DefaultSMSType: "Transactional", DefaultSenderID: "Stratus1", MonthlySpendLimit: "20", DeliveryStatusSuccessSamplingRate: "10" } }));
    assert.deepEqual((await sns.send(new GetSMSAttributesCommand({}))).attributes, { MonthlySpendLimit: "20", DefaultSMSType: "Transactional", DefaultSenderID: "Stratus1", DeliveryStatusSuccessSamplingRate: "10" });
    assert.deepEqual((await sns.send(new GetSMSAttributesCommand({ attributes: ["DefaultSMSType", "UsageReportS3Bucket"] }))).attributes, { DefaultSMSType: "Transactional" });
    await sns.send(new SetSMSAttributesCommand({ attributes: { DefaultSenderID: "" } }));
    assert.equal((await sns.send(new GetSMSAttributesCommand({}))).attributes!.DefaultSenderID, undefined);
    assert.deepEqual((await h.sns.send(new GetSMSAttributesCommand({ attributes: ["DefaultSMSType"] }))).attributes ?? {}, {}, "another account has its own settings");

    await fails(sns.send(new SetSMSAttributesCommand({ attributes: { DefaultSMSType: "Urgent" } })), "InvalidParameterException", "Invalid parameter: DefaultSMSType Reason: must be Promotional or Transactional");
    await fails(sns.send(new SetSMSAttributesCommand({ attributes: { DefaultSenderID: "123" } })), "InvalidParameterException", /DefaultSenderID Reason/);
    await fails(sns.send(new SetSMSAttributesCommand({ attributes: { Colour: "red" } })), "InvalidParameterException", "Invalid parameter: Colour Reason: not a valid SMS attribute");
    sns.destroy();
  });

  test("the opt-out list starts empty; CheckIfPhoneNumberIsOptedOut and OptInPhoneNumber check the number", async () => {
    assert.equal((await h.sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: "+15555550123" }))).isOptedOut, false);
    assert.deepEqual((await h.sns.send(new ListPhoneNumbersOptedOutCommand({}))).phoneNumbers ?? [], []);
    await h.sns.send(new OptInPhoneNumberCommand({ phoneNumber: "+15555550123" }));
    await fails(h.sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: "not a number" })), "InvalidParameterException", "Invalid parameter: PhoneNumber Reason: input incorrectly formatted");
    await fails(h.sns.send(new OptInPhoneNumberCommand({ phoneNumber: "+0123" })), "InvalidParameterException", "Invalid parameter: PhoneNumber Reason: input incorrectly formatted");
    await fails(h.sns.send(new ListPhoneNumbersOptedOutCommand({ nextToken: "???" })), "InvalidParameterException", "Invalid parameter: NextToken");
  });
});

describe("SMS sandbox", () => {
  const number = "+15555550100";

  async function otp(phoneNumber: string): Promise<string> {
    const recorded = await deliveries(h.server.endpoint, `protocol=sms&endpoint=${encodeURIComponent(phoneNumber)}`);
    const last = recorded.filter((d) => d.type === "OneTimePassword").at(-1)!;
    return /(\d{6})/.exec(last.body)![1];
  }

  test("the account is reported out of the sandbox; there are no origination numbers", async () => {
    assert.equal((await h.sns.send(new GetSMSSandboxAccountStatusCommand({}))).IsInSandbox, false);
    const { PhoneNumbers } = await h.sns.send(new ListOriginationNumbersCommand({ MaxResults: 30 }));
    assert.deepEqual(PhoneNumbers ?? [], []);
    await fails(
      h.sns.send(new ListOriginationNumbersCommand({ MaxResults: 31 })),
      "ValidationException",
      "1 validation error detected: Value '31' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 30",
    );
  });

  test("add a number (the OTP is recorded as an SMS), verify it with the right code, list, delete", async () => {
    await h.sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: number, LanguageCode: "en-GB" }));
    const { PhoneNumbers } = await h.sns.send(new ListSMSSandboxPhoneNumbersCommand({}));
    assert.deepEqual(PhoneNumbers, [{ PhoneNumber: number, Status: "Pending" }]);
    const first = await otp(number);

    // Asking again sends a new code; the old one no longer works (unless it happens to be the same).
    await h.sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: number }));
    const code = await otp(number);
    const wrong = code === "000000" ? "111111" : "000000";
    await fails(h.sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: number, OneTimePassword: wrong })), "VerificationException", "Invalid one-time password");
    if (first !== code) await fails(h.sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: number, OneTimePassword: first })), "VerificationException", "Invalid one-time password");
    await h.sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: number, OneTimePassword: code }));
    await h.sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: number, OneTimePassword: code }));
    assert.deepEqual((await h.sns.send(new ListSMSSandboxPhoneNumbersCommand({}))).PhoneNumbers, [{ PhoneNumber: number, Status: "Verified" }]);

    await h.sns.send(new DeleteSMSSandboxPhoneNumberCommand({ PhoneNumber: number }));
    assert.deepEqual((await h.sns.send(new ListSMSSandboxPhoneNumbersCommand({}))).PhoneNumbers ?? [], []);
    await fails(h.sns.send(new DeleteSMSSandboxPhoneNumberCommand({ PhoneNumber: number })), "ResourceNotFoundException", "Phone number does not exist in the SMS sandbox", 404);
    await fails(h.sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: number, OneTimePassword: code })), "ResourceNotFoundException", "Phone number does not exist in the SMS sandbox", 404);
  });

  test("numbers, codes, languages and page sizes are checked; the list pages", async () => {
    const sns = snsClient(h.server, "444444444444");
    await fails(sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: "555-0100" })), "InvalidParameterException", "Invalid parameter: PhoneNumber Reason: input incorrectly formatted");
    await fails(sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: "+1555", LanguageCode: "en-US" })), "InvalidParameterException", /PhoneNumber/);
    await fails(sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: number, LanguageCode: "xx-XX" as never })), "InvalidParameterException", "Invalid parameter: LanguageCode Reason: xx-XX is not supported");
    await fails(sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: number, OneTimePassword: "12a45" })), "InvalidParameterException", "Invalid parameter: OneTimePassword Reason: must be 5 to 8 digits");
    await fails(sns.send(new ListSMSSandboxPhoneNumbersCommand({ MaxResults: 0 })), "InvalidParameterException", "Invalid parameter: MaxResults Reason: must be between 1 and 100");

    for (const n of ["+15555550101", "+15555550102", "+15555550103"]) await sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: n }));
    const first = await sns.send(new ListSMSSandboxPhoneNumbersCommand({ MaxResults: 2 }));
    assert.deepEqual(first.PhoneNumbers!.map((p) => p.PhoneNumber), ["+15555550101", "+15555550102"]);
    const second = await sns.send(new ListSMSSandboxPhoneNumbersCommand({ MaxResults: 2, NextToken: first.NextToken }));
    assert.deepEqual(second.PhoneNumbers!.map((p) => p.PhoneNumber), ["+15555550103"]);
    assert.equal(second.NextToken, undefined);
    assert.deepEqual((await h.sns.send(new ListSMSSandboxPhoneNumbersCommand({}))).PhoneNumbers ?? [], [], "another account has its own sandbox");
    sns.destroy();
  });
});

describe("platform and SMS state across a restart", () => {
  const phone = "+447700900123";
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), "stratus-sns-platform-"));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test("applications, endpoints, SMS settings and sandbox numbers are stored", async () => {
    let r = await startSns({ inMemory: false, dataDir });
    const appArn = await app(r.sns, "durable", "APNS", { PlatformCredential: "k", PlatformPrincipal: "c", ApplePlatformTeamID: "T", ApplePlatformBundleID: "B" });
    const endpointArn = (await r.sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: appArn, Token: "abcd", CustomUserData: "u" }))).EndpointArn!;
    await r.sns.send(new SetSMSAttributesCommand({ attributes: { DefaultSMSType: "Promotional" } }));
    await r.sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: phone }));
    const recorded = await deliveries(r.server.endpoint, `protocol=sms&endpoint=${encodeURIComponent(phone)}`);
    const code = /(\d{6})/.exec(recorded.at(-1)!.body)![1];
    r.sns.destroy();
    await r.server.stop();

    r = await startSns({ inMemory: false, dataDir });
    try {
      assert.deepEqual((await r.sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: appArn }))).Attributes, {
        Enabled: "true",
        ApplePlatformTeamID: "T",
        ApplePlatformBundleID: "B",
        AuthenticationMethod: "Token",
      });
      assert.deepEqual((await r.sns.send(new GetEndpointAttributesCommand({ EndpointArn: endpointArn }))).Attributes, { Token: "abcd", Enabled: "true", CustomUserData: "u" });
      const again = await r.sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: appArn, Token: "abcd", CustomUserData: "u" }));
      assert.equal(again.EndpointArn, endpointArn, "the token index is rebuilt");
      assert.equal((await r.sns.send(new GetSMSAttributesCommand({ attributes: ["DefaultSMSType"] }))).attributes!.DefaultSMSType, "Promotional");
      await r.sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: phone, OneTimePassword: code }));
      assert.deepEqual((await r.sns.send(new ListSMSSandboxPhoneNumbersCommand({}))).PhoneNumbers, [{ PhoneNumber: phone, Status: "Verified" }]);
      await r.sns.send(new PublishCommand({ TargetArn: endpointArn, Message: "after restart" }));
      assert.equal((await deliveries(r.server.endpoint, "protocol=application")).at(-1)!.body, "after restart");
    } finally {
      r.sns.destroy();
      await r.server.stop();
    }
  });
});
