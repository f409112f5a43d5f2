import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Database } from "../../../storage/sqlite/database.js";
import { SmsRegistry } from "./sms-registry.js";
import { SqliteSmsStore } from "./sms-store.js";

const here = { accountId: "000000000000", region: "us-east-1" };
const elsewhere = { accountId: "000000000000", region: "eu-west-1" };

test("the opt-out list is kept per account and region, sorted, and survives a restart", async () => {
  const dir = mkdtempSync(join(tmpdir(), "stratus-sms-"));
  try {
    let db = new Database({ dataDir: dir });
    let sms = new SmsRegistry(new SqliteSmsStore(db));
    sms.load();
    await sms.optOut(here, "+15555550199");
    await sms.optOut(here, "+15555550100");
    await sms.optOut(here, "+15555550100");
    await sms.optOut(elsewhere, "+447700900000");
    await sms.setAttributes(here, { DefaultSMSType: "Transactional" });
    assert.deepEqual(sms.optedOut(here), ["+15555550100", "+15555550199"]);
    db.close();

    db = new Database({ dataDir: dir });
    sms = new SmsRegistry(new SqliteSmsStore(db));
    sms.load();
    assert.deepEqual(sms.optedOut(here), ["+15555550100", "+15555550199"]);
    assert.deepEqual(sms.optedOut(elsewhere), ["+447700900000"]);
    assert.equal(sms.isOptedOut(here, "+15555550100"), true);
    assert.deepEqual(sms.attributes(here), { DefaultSMSType: "Transactional" });
    assert.deepEqual(sms.attributes(elsewhere), {});

    await sms.optIn(here, "+15555550100");
    await sms.optIn(here, "+15555550100");
    assert.equal(sms.isOptedOut(here, "+15555550100"), false);
    db.close();

    db = new Database({ dataDir: dir });
    sms = new SmsRegistry(new SqliteSmsStore(db));
    sms.load();
    assert.deepEqual(sms.optedOut(here), ["+15555550199"]);
    sms.store.reset();
    sms.clear();
    assert.deepEqual(sms.optedOut(here), []);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
