import { test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SIGNING_CERT_FILE, SIGNING_DIR, SIGNING_KEY_FILE, SnsSigningKeyStore, generateSigningPair } from "./signing-key-store.js";
import { certificateFileNameFromPath, signingCertPath, signingCertUrl, awsStyleSigningCertUrl } from "./signing-cert-url.js";

async function withDataDir(fn: (dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "stratus-sns-signing-"));
  try {
    await fn(dataDir);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

test("the first load creates an RSA 2048 key (0600) and its self-signed certificate under <dataDir>/sns/signing", () =>
  withDataDir(async (dataDir) => {
    const store = new SnsSigningKeyStore({ dataDir });
    const material = await store.load();
    const dir = join(dataDir, SIGNING_DIR);
    assert.equal(store.directory, dir);
    assert.deepEqual((await readdir(dir)).sort(), [SIGNING_CERT_FILE, SIGNING_KEY_FILE]);
    assert.equal((await stat(join(dir, SIGNING_KEY_FILE))).mode & 0o777, 0o600);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    assert.deepEqual(await readdir(join(dataDir, "sns")), ["signing"]); // no staging folder left behind

    assert.equal(await readFile(join(dir, SIGNING_CERT_FILE), "utf8"), material.certificatePem);
    const cert = new X509Certificate(material.certificatePem);
    assert.equal(material.privateKey.asymmetricKeyType, "rsa");
    assert.equal(material.privateKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(cert.checkPrivateKey(material.privateKey), true);
    assert.equal(cert.verify(cert.publicKey), true); // self-signed
    assert.equal(cert.subject, cert.issuer);
    assert.match(cert.subject, /CN=Stratus SNS signing/);
    assert.equal(cert.ca, false);
    assert.ok(new Date(cert.validTo) > new Date("2049-01-01"));
    assert.match(material.certificateId, /^[0-9a-f]{32}$/);
    assert.equal(material.certificateFileName, `SimpleNotificationService-${material.certificateId}.pem`);
  }));

test("later loads, in this process or after a restart, reuse the stored pair without rewriting it", () =>
  withDataDir(async (dataDir) => {
    const store = new SnsSigningKeyStore({ dataDir });
    const first = await store.load();
    assert.equal(await store.load(), first); // one result per store
    const keyPath = join(dataDir, SIGNING_DIR, SIGNING_KEY_FILE);
    const before = await stat(keyPath);

    const restarted = new SnsSigningKeyStore({ dataDir });
    const started = performance.now();
    const again = await restarted.load();
    const elapsed = performance.now() - started;
    assert.equal(again.certificatePem, first.certificatePem);
    assert.equal(again.certificateId, first.certificateId);
    assert.equal(again.privateKey.equals(first.privateKey), true);
    const after = await stat(keyPath);
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.equal(after.ino, before.ino);
    assert.ok(elapsed < 200, `reading a stored pair took ${elapsed} ms`);
  }));

test("two stores loading at once on one data dir agree on one pair", () =>
  withDataDir(async (dataDir) => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => new SnsSigningKeyStore({ dataDir }).load()));
    assert.equal(a.certificateId, b.certificateId);
    assert.equal(b.certificateId, c.certificateId);
    assert.equal(a.privateKey.equals(c.privateKey), true);
    assert.deepEqual(await readdir(join(dataDir, "sns")), ["signing"]);
  }));

test("without a data dir the pair is kept in memory only, one per store", async () => {
  const store = new SnsSigningKeyStore();
  assert.equal(store.directory, undefined);
  const a = await store.load();
  assert.equal(await store.load(), a);
  const b = await new SnsSigningKeyStore({}).load();
  assert.notEqual(a.certificateId, b.certificateId);
});

test("a damaged folder is reported, not silently replaced; a later load retries", () =>
  withDataDir(async (dataDir) => {
    await new SnsSigningKeyStore({ dataDir }).load();
    const dir = join(dataDir, SIGNING_DIR);
    const keyPath = join(dir, SIGNING_KEY_FILE);
    const originalKey = await readFile(keyPath, "utf8");

    await unlink(keyPath);
    const store = new SnsSigningKeyStore({ dataDir });
    await assert.rejects(store.load(), /cannot read the SNS signing key pair .*delete the folder/);

    const other = await generateSigningPair();
    await writeFile(keyPath, other.keyPem, { mode: 0o600 });
    await assert.rejects(store.load(), /not the RSA key of its certificate/);

    await writeFile(keyPath, "garbage");
    await assert.rejects(store.load(), /unreadable/);

    await writeFile(keyPath, originalKey);
    const repaired = await store.load();
    assert.match(repaired.certificateId, /^[0-9a-f]{32}$/);
  }));

test("certificate paths and URLs follow AWS's file naming", async () => {
  const file = "SimpleNotificationService-0123456789abcdef0123456789abcdef.pem";
  assert.equal(signingCertPath(file), `/_stratus/sns/${file}`);
  assert.equal(signingCertUrl("http://localhost:4566/", file), `http://localhost:4566/_stratus/sns/${file}`);
  assert.equal(signingCertUrl("http://127.0.0.1:4566", file), `http://127.0.0.1:4566/_stratus/sns/${file}`);
  assert.equal(awsStyleSigningCertUrl("eu-west-1", file), `https://sns.eu-west-1.amazonaws.com/${file}`);
  assert.equal(certificateFileNameFromPath(`/_stratus/sns/${file}`), file);
  assert.equal(certificateFileNameFromPath(`/${file}?x=1`), file);
  assert.equal(certificateFileNameFromPath("/_stratus/sns/SimpleNotificationService-short.pem"), undefined);
  assert.equal(certificateFileNameFromPath(`/_stratus/sns/../${file}`), undefined);
  assert.equal(certificateFileNameFromPath(`/other/${file}`), undefined);
  assert.equal(certificateFileNameFromPath("/"), undefined);
});
