import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import yazl from "yazl";
import { ServiceError } from "../../../core/errors.js";
import { COULD_NOT_UNZIP } from "./errors.js";
import { codeSizeOfDirectory, FileCodeStore, MAX_UNZIPPED_BYTES, MAX_ZIPPED_UPLOAD_BYTES } from "./file-code-store.js";
import { buildRawZip, S_IFLNK, S_IFREG } from "./test-raw-zip.js";

async function yazlZip(build: (zip: yazl.ZipFile) => void): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  build(zip);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function b64sha(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("base64");
}

function hexsha(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function isError(code: string, message?: string | RegExp, status?: number) {
  return (err: unknown) => {
    assert.ok(err instanceof ServiceError, `expected a ServiceError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.equal(err.options.fields?.Type, "User");
    if (typeof message === "string") assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    if (status !== undefined) assert.equal(err.options.status, status);
    return true;
  };
}

let work: string;
let counter = 0;
let goodZip: Buffer;
before(async () => {
  work = await mkdtemp(join(tmpdir(), "stratus-code-store-test-"));
  goodZip = await yazlZip((z) => {
    z.addBuffer(Buffer.from("#!/bin/sh\necho hi\n"), "bootstrap", { mode: S_IFREG | 0o755 });
    z.addBuffer(Buffer.from("exports.handler = async () => 1;\n"), "index.js", { mode: S_IFREG | 0o644 });
    z.addBuffer(Buffer.from("x"), "lib/util.js", { mode: S_IFREG | 0o644 });
  });
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A data dir nested under its own folder, so anything escaping it shows up beside it. */
function dataDir(): string {
  return join(work, `data-${++counter}`, "lambda", "code");
}

describe("FileCodeStore", () => {
  test("stores a zip: AWS's CodeSha256, sizes, an executable bootstrap", async () => {
    const root = dataDir();
    const store = new FileCodeStore({ rootDir: root });
    const stored = await store.storeZip(goodZip);
    assert.equal(stored.sha256, b64sha(goodZip));
    assert.equal(stored.size, goodZip.length);
    assert.equal(stored.unzippedSize, 18 + 33 + 1);
    assert.equal(stored.dir, join(root, hexsha(goodZip), "code"));
    assert.equal(store.dirOf(stored.sha256), stored.dir);
    assert.equal(store.dirOf(hexsha(goodZip)), stored.dir);
    assert.equal((await stat(join(stored.dir, "bootstrap"))).mode & 0o777, 0o755);
    assert.equal(await readFile(join(stored.dir, "lib/util.js"), "utf8"), "x");
    await store.close();
    assert.ok(existsSync(stored.dir), "a data-dir store keeps its code on close");
  });

  test("the same bytes twice (or at once) reuse one directory; other bytes get another", async () => {
    const store = new FileCodeStore({ rootDir: dataDir() });
    const first = await store.storeZip(goodZip);
    await writeFile(join(first.dir, "marker"), "still here");
    const again = await store.storeZip(Buffer.from(goodZip));
    assert.deepEqual(again, first);
    assert.equal(await readFile(join(first.dir, "marker"), "utf8"), "still here");

    const other = await yazlZip((z) => z.addBuffer(Buffer.from("other"), "index.js"));
    const together = await Promise.all([other, other, other].map((zip) => store.storeZip(zip)));
    assert.equal(new Set(together.map((s) => s.dir)).size, 1);
    assert.notEqual(together[0].dir, first.dir);
    assert.deepEqual((await readdir(store.rootDir)).sort(), [hexsha(goodZip), hexsha(other)].sort());
    await store.close();
  });

  test("an unsafe or broken zip leaves nothing behind, in the store or beside it", async () => {
    const root = dataDir();
    const store = new FileCodeStore({ rootDir: root });
    const cases: Array<[Buffer, RegExp | string]> = [
      [buildRawZip([{ name: "ok.txt", data: "ok" }, { name: "../x", data: "evil" }]), /'\.\.\/x' points outside/],
      [buildRawZip([{ name: "ok.txt", data: "ok" }, { name: "a/../../x", data: "evil" }]), /'a\/\.\.\/\.\.\/x' points outside/],
      [buildRawZip([{ name: "/etc/x", data: "evil" }]), /'\/etc\/x' has an absolute path/],
      [buildRawZip([{ name: "..\\x", data: "evil" }]), /points outside/],
      [buildRawZip([{ name: "C:\\x", data: "evil" }]), /drive letter/],
      [buildRawZip([{ name: "ok.txt", data: "ok" }, { name: "link", data: "../../..", mode: S_IFLNK | 0o777 }]), /'link' is a symlink to '\.\.\/\.\.\/\.\.'/],
      [buildRawZip([{ name: "link", data: "/etc", mode: S_IFLNK | 0o777 }]), /outside the code directory/],
      [Buffer.from("PK\u0003\u0004 definitely not a zip"), COULD_NOT_UNZIP],
    ];
    for (const [zip, message] of cases) {
      await assert.rejects(store.storeZip(zip), isError("InvalidParameterValueException", message));
      assert.deepEqual(await readdir(root), []);
      assert.deepEqual(await readdir(join(root, "..")), ["code"]);
      assert.equal(store.dirOf(b64sha(zip)), undefined);
    }
    await store.close();
  });

  test("symlinks inside the code are kept as symlinks", async () => {
    const store = new FileCodeStore();
    const stored = await store.storeZip(
      buildRawZip([
        { name: "lib/real.js", data: "module.exports = 1;", mode: S_IFREG | 0o644 },
        { name: "alias.js", data: "lib/real.js", mode: S_IFLNK | 0o777 },
      ]),
    );
    assert.equal(await readFile(join(stored.dir, "alias.js"), "utf8"), "module.exports = 1;");
    assert.equal(stored.unzippedSize, await codeSizeOfDirectory(stored.dir));
    await store.close();
  });

  test("a zip over 50 MB is refused before it is read", async () => {
    const store = new FileCodeStore();
    await assert.rejects(store.storeZip(Buffer.alloc(MAX_ZIPPED_UPLOAD_BYTES + 1)), isError("RequestTooLargeException", /52428800/, 413));
    // Exactly at the limit the size passes, and the (not a) zip is read.
    await assert.rejects(store.storeZip(Buffer.alloc(MAX_ZIPPED_UPLOAD_BYTES)), isError("InvalidParameterValueException", COULD_NOT_UNZIP));
    assert.deepEqual(await readdir(store.rootDir), []);
    await store.close();
  });

  test("a zip bomb (300 MB of zeros in ~300 KB) is refused quickly", async () => {
    const bomb = await yazlZip((z) => {
      let left = 300;
      const chunk = Buffer.alloc(1024 * 1024);
      z.addReadStream(
        new Readable({
          read() {
            this.push(left-- > 0 ? chunk : null);
          },
        }),
        "zeros.bin",
      );
    });
    assert.ok(bomb.length < 1024 * 1024, `the bomb is ${bomb.length} bytes`);
    const store = new FileCodeStore();
    const started = performance.now();
    await assert.rejects(store.storeZip(bomb), isError("InvalidParameterValueException", `Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`));
    assert.ok(performance.now() - started < 3000);
    assert.deepEqual(await readdir(store.rootDir), []);
    await store.close();
  });

  test("code persists across stores on the same directory; leftovers of dead stores are removed", async () => {
    const root = dataDir();
    const first = new FileCodeStore({ rootDir: root });
    const stored = await first.storeZip(goodZip);
    await first.close();

    await mkdir(join(root, ".tmp-999999999-deadbeef-AbC123", "code"), { recursive: true }); // a crashed process
    await mkdir(join(root, `.trash-${process.pid}-0badf00d-${hexsha(goodZip)}-12345678`)); // this pid, no open store
    await mkdir(join(root, `.tmp-${process.ppid}-cafebabe-xyz`)); // a live process: maybe still unpacking
    await writeFile(join(root, "notes.txt"), "not ours");

    const second = new FileCodeStore({ rootDir: root });
    assert.deepEqual((await readdir(root)).sort(), [`.tmp-${process.ppid}-cafebabe-xyz`, hexsha(goodZip), "notes.txt"].sort());
    assert.equal(second.dirOf(stored.sha256), stored.dir);
    assert.deepEqual(await second.storeZip(goodZip), stored);
    await second.close();
  });

  test("code whose metadata was lost is unpacked again", async () => {
    const store = new FileCodeStore();
    const stored = await store.storeZip(goodZip);
    await unlink(join(store.rootDir, hexsha(goodZip), "meta.json"));
    await writeFile(join(stored.dir, "marker"), "old copy");
    assert.deepEqual(await store.storeZip(goodZip), stored);
    assert.equal(existsSync(join(stored.dir, "marker")), false);
    await store.close();
  });

  test("release deletes the code; releasing again or unknown digests is harmless", async () => {
    const store = new FileCodeStore();
    const stored = await store.storeZip(goodZip);
    await store.release(stored.sha256);
    assert.equal(store.dirOf(stored.sha256), undefined);
    assert.deepEqual(await readdir(store.rootDir), []);
    await store.release(stored.sha256);
    await store.release("not-a-digest");
    assert.equal(store.dirOf("../../etc"), undefined);
    assert.deepEqual(await store.storeZip(goodZip), stored);
    await store.close();
  });

  test("close() removes a temporary store and refuses later uploads", async () => {
    const store = new FileCodeStore();
    await store.storeZip(goodZip);
    assert.ok(store.rootDir.startsWith(tmpdir()));
    await store.close();
    assert.equal(existsSync(store.rootDir), false);
    await assert.rejects(store.storeZip(goodZip), /closed/);
  });
});

describe("codeSizeOfDirectory", () => {
  test("sums files and symlinks without following them", async () => {
    const dir = join(work, "hot-reload");
    await mkdir(join(dir, "sub"), { recursive: true });
    await writeFile(join(dir, "a.js"), "12345");
    await writeFile(join(dir, "sub", "b.js"), "123");
    await symlink("..", join(dir, "sub", "up"));
    assert.equal(await codeSizeOfDirectory(dir), 5 + 3 + 2);
  });
});
