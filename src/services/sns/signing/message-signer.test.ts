import { test } from "node:test";
import assert from "node:assert/strict";
import { createVerify, X509Certificate } from "node:crypto";
import { canonicalStringToSign, type SignableFields } from "./canonical-string.js";
import { signMessage, signMessageAsync, verifyMessageSignature, isSignatureVersion, type SignatureVersion } from "./message-signer.js";
import { SnsSigningKeyStore } from "./signing-key-store.js";

const material = new SnsSigningKeyStore().load(); // in memory, shared by the tests below

const notification: SignableFields = {
  Type: "Notification",
  MessageId: "5b4c1a2e-7d1e-4f1b-9a66-0e4f1c3b2a10",
  TopicArn: "arn:aws:sns:eu-west-1:123456789012:prices",
  Subject: "Grüße",
  Message: "héllo\r\nwörld ✓ {\"price\": 12.5}",
  Timestamp: "2024-02-29T23:59:59.999Z",
};

const ALGORITHM: Record<SignatureVersion, string> = { "1": "RSA-SHA1", "2": "RSA-SHA256" };

for (const version of ["1", "2"] as const) {
  test(`SignatureVersion ${version} verifies with node:crypto (${ALGORITHM[version]}) against the certificate`, async () => {
    const { privateKey, certificatePem } = await material;
    const signature = signMessage(notification, version, privateKey);
    assert.equal(Buffer.from(signature, "base64").length, 256); // RSA 2048
    const verifier = createVerify(ALGORITHM[version]);
    verifier.update(canonicalStringToSign(notification), "utf8");
    assert.equal(verifier.verify(certificatePem, signature, "base64"), true);
    assert.equal(verifyMessageSignature(notification, signature, version, new X509Certificate(certificatePem).publicKey), true);
  });

  test(`SignatureVersion ${version}: any changed signed field, or another version, fails verification`, async () => {
    const { privateKey, certificatePem } = await material;
    const signature = signMessage(notification, version, privateKey);
    for (const change of [
      { Message: notification.Message + " " },
      { Subject: "Grusse" },
      { Subject: undefined },
      { Timestamp: "2024-02-29T23:59:59.998Z" },
      { TopicArn: "arn:aws:sns:eu-west-1:123456789012:other" },
      { MessageId: "5b4c1a2e-7d1e-4f1b-9a66-0e4f1c3b2a11" },
    ]) {
      assert.equal(verifyMessageSignature({ ...notification, ...change }, signature, version, certificatePem), false,
        `a change of ${JSON.stringify(change)} must break the signature`);
    }
    const other: SignatureVersion = version === "1" ? "2" : "1";
    assert.equal(verifyMessageSignature(notification, signature, other, certificatePem), false);
  });
}

test("a signature from another key does not verify against Stratus's certificate", async () => {
  const ours = await material;
  const theirs = await new SnsSigningKeyStore().load();
  const forged = signMessage(notification, "2", theirs.privateKey);
  assert.equal(verifyMessageSignature(notification, forged, "2", ours.certificatePem), false);
  assert.equal(verifyMessageSignature(notification, "not base64 at all!", "2", ours.certificatePem), false);
});

test("only SignatureVersion 1 and 2 exist", async () => {
  const { privateKey } = await material;
  assert.equal(isSignatureVersion("1"), true);
  assert.equal(isSignatureVersion("2"), true);
  assert.equal(isSignatureVersion("3"), false);
  assert.equal(isSignatureVersion(2), false);
  assert.throws(() => signMessage(notification, "3" as SignatureVersion, privateKey), /unsupported SNS SignatureVersion/);
});

test("the off-loop signer gives the very same signatures (PKCS #1 v1.5 is deterministic)", async () => {
  const { privateKey } = await material;
  for (const version of ["1", "2"] as const) {
    assert.equal(await signMessageAsync(notification, version, privateKey), signMessage(notification, version, privateKey));
  }
  assert.notEqual(await signMessageAsync(notification, "1", privateKey), await signMessageAsync(notification, "2", privateKey));
});
