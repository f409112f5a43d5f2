import assert from "node:assert/strict";
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { deflateRawSync } from "node:zlib";
import yazl from "yazl";
import { ServiceError } from "../../../core/errors.js";
import { COULD_NOT_UNZIP } from "./errors.js";
import { DEFAULT_UNZIP_LIMITS } from "./limits.js";
import { safeUnzip } from "./safe-unzip.js";
import { checkSymlinks } from "./symlink-check.js";
import { buildRawZip, S_IFDIR, S_IFLNK, S_IFREG, type RawZipEntry } from "./test-raw-zip.js";

async function yazlZip(build: (zip: yazl.ZipFile) => void): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  build(zip);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

let work: string;
let counter = 0;
before(async () => {
  work = await mkdtemp(join(tmpdir(), "stratus-safe-unzip-test-"));
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A fresh, empty destination nested two levels down, so an escape would land in `work`. */
async function freshDest(): Promise<string> {
  const dest = join(work, `case-${++counter}`, "dest");
  await mkdir(dest, { recursive: true });
  return dest;
}

async function unzipRaw(entries: RawZipEntry[], limits = DEFAULT_UNZIP_LIMITS): Promise<{ dest: string; result: Promise<{ unzippedSize: number }> }> {
  const dest = await freshDest();
  return { dest, result: safeUnzip(buildRawZip(entries), dest, limits) };
}

function isError(code: string, message?: string | RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof ServiceError, `expected a ServiceError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.deepEqual(err.options.fields, { Type: "User" });
    if (typeof message === "string") assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return true;
  };
}

/** Every path under dir (relative), to prove nothing was written. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

describe("safeUnzip: a good zip", () => {
  test("unpacks files, directories, modes, empty and non-ASCII names", async () => {
    const zip = await yazlZip((z) => {
      z.addBuffer(Buffer.from("#!/bin/sh\necho hi\n"), "bootstrap", { mode: S_IFREG | 0o755 });
      z.addBuffer(Buffer.from("exports.handler = async () => 1;\n"), "index.js", { mode: S_IFREG | 0o644 });
      z.addEmptyDirectory("lib", { mode: S_IFDIR | 0o750 });
      z.addBuffer(Buffer.from("deep"), "lib/a/b/c.txt", { mode: S_IFREG | 0o600, compress: true });
      z.addBuffer(Buffer.alloc(0), "empty.txt", { mode: S_IFREG | 0o644 });
      z.addBuffer(Buffer.from("ü"), "données/名前.txt", { mode: S_IFREG | 0o644 });
    });
    const dest = await freshDest();
    const { unzippedSize } = await safeUnzip(zip, dest);

    assert.equal(unzippedSize, 18 + 33 + 4 + 0 + 2);
    assert.equal(await readFile(join(dest, "bootstrap"), "utf8"), "#!/bin/sh\necho hi\n");
    assert.equal((await stat(join(dest, "bootstrap"))).mode & 0o777, 0o755);
    assert.equal((await stat(join(dest, "index.js"))).mode & 0o777, 0o644);
    assert.equal((await stat(join(dest, "lib"))).mode & 0o777, 0o750);
    assert.equal((await stat(join(dest, "lib/a/b/c.txt"))).mode & 0o777, 0o600);
    assert.equal(await readFile(join(dest, "lib/a/b/c.txt"), "utf8"), "deep");
    assert.equal((await stat(join(dest, "empty.txt"))).size, 0);
    assert.equal(await readFile(join(dest, "données/名前.txt"), "utf8"), "ü");
  });

  test("entries without mode bits get 0644 files and 0755 directories; setuid is dropped", async () => {
    const { dest, result } = await unzipRaw([
      { name: "plain/", mode: 0 },
      { name: "plain/file.txt", data: "x", mode: 0 },
      { name: "suid", data: "y", mode: S_IFREG | 0o4755 },
    ]);
    await result;
    assert.equal((await stat(join(dest, "plain"))).mode & 0o7777, 0o755);
    assert.equal((await stat(join(dest, "plain/file.txt"))).mode & 0o7777, 0o644);
    assert.equal((await stat(join(dest, "suid"))).mode & 0o7777, 0o755);
  });

  test("a CP437 name (no UTF-8 flag) is decoded as CP437", async () => {
    const { dest, result } = await unzipRaw([{ name: Buffer.from([0x81, 0x2e, 0x74]), data: "z", utf8: false }]);
    await result;
    assert.deepEqual(await tree(dest), ["ü.t"]);
  });

  test("`a/../b`, `./c` and doubled slashes stay inside and are normalized", async () => {
    const { dest, result } = await unzipRaw([
      { name: "a/../b.txt", data: "b" },
      { name: "./c.txt", data: "c" },
      { name: "d//e.txt", data: "e" },
      { name: "./", mode: S_IFDIR | 0o755 },
    ]);
    await result;
    assert.deepEqual(await tree(dest), ["b.txt", "c.txt", "d", "d/e.txt"]);
  });

  test("a name given twice: the last copy wins", async () => {
    const { dest, result } = await unzipRaw([
      { name: "dup.txt", data: "first", mode: S_IFREG | 0o444 },
      { name: "dup.txt", data: "second", mode: S_IFREG | 0o644 },
    ]);
    assert.equal((await result).unzippedSize, 6);
    assert.equal(await readFile(join(dest, "dup.txt"), "utf8"), "second");
  });

  test("an empty zip unpacks to nothing", async () => {
    const { dest, result } = await unzipRaw([]);
    assert.equal((await result).unzippedSize, 0);
    assert.deepEqual(await tree(dest), []);
  });
});

describe("safeUnzip: paths out of the directory", () => {
  const escapes: Array<[string, RegExp]> = [
    ["../x", /outside the code directory/],
    ["a/../../x", /outside the code directory/],
    ["./../x", /outside the code directory/],
    ["/etc/x", /absolute path/],
    ["..\\x", /outside the code directory/],
    ["a\\..\\..\\x", /outside the code directory/],
    ["C:\\x", /drive letter/],
    ["C:/x", /drive letter/],
    ["c:x", /drive letter/],
    ["\\\\server\\share\\x", /absolute path/],
  ];
  for (const [name, why] of escapes) {
    test(`refuses ${JSON.stringify(name)} and writes nothing`, async () => {
      const { dest, result } = await unzipRaw([
        { name: "good.txt", data: "fine" },
        { name, data: "evil" },
      ]);
      await assert.rejects(result, isError("InvalidParameterValueException", why));
      await assert.rejects(result, (err: Error) => err.message.includes(`'${name}'`));
      assert.deepEqual(await tree(dest), []);
      assert.deepEqual((await readdir(join(dest, ".."))).sort(), ["dest"]);
    });
  }

  test("refuses a NUL byte in a name", async () => {
    const { result } = await unzipRaw([{ name: "a\0b", data: "x" }]);
    await assert.rejects(result, isError("InvalidParameterValueException", /NUL/));
  });

  test("refuses a file entry that names the directory itself", async () => {
    const { result } = await unzipRaw([{ name: ".", data: "x" }]);
    await assert.rejects(result, isError("InvalidParameterValueException", /no file name/));
  });

  test("refuses a file whose parent is a file, and a file where a directory is", async () => {
    const one = await unzipRaw([
      { name: "a", data: "x" },
      { name: "a/b", data: "y" },
    ]);
    await assert.rejects(one.result, isError("InvalidParameterValueException", /'a\/b' is inside 'a', which is a file/));
    const two = await unzipRaw([
      { name: "a/b", data: "y" },
      { name: "a", data: "x" },
    ]);
    await assert.rejects(two.result, isError("InvalidParameterValueException", /'a' has the same path as another entry/));
    assert.deepEqual(await tree(two.dest), []);
  });
});

describe("safeUnzip: symlinks", () => {
  const link = (name: string, target: string): RawZipEntry => ({ name, data: target, mode: S_IFLNK | 0o777 });

  test("symlinks that stay inside are created as symlinks", async () => {
    const { dest, result } = await unzipRaw([
      { name: "lib/a.txt", data: "A" },
      link("to-file", "lib/a.txt"),
      link("to-dir", "lib"),
      link("lib/up", ".."),
      link("lib/self", "."),
      link("dangling", "not-there"),
      link("lib/sub/back", "../a.txt"),
    ]);
    const { unzippedSize } = await result;
    assert.equal(unzippedSize, 1 + "lib/a.txt".length + 3 + 2 + 1 + "not-there".length + "../a.txt".length);
    assert.ok((await lstat(join(dest, "to-file"))).isSymbolicLink());
    assert.equal(await readlink(join(dest, "to-file")), "lib/a.txt");
    assert.equal(await readFile(join(dest, "to-file"), "utf8"), "A");
    assert.equal(await readFile(join(dest, "to-dir/a.txt"), "utf8"), "A");
    assert.equal(await readFile(join(dest, "lib/up/lib/a.txt"), "utf8"), "A");
    assert.equal(await readFile(join(dest, "lib/sub/back"), "utf8"), "A");
    assert.equal(await readlink(join(dest, "dangling")), "not-there");
  });

  const escaping: Array<[string, RawZipEntry[]]> = [
    ["an absolute target", [link("evil", "/etc/passwd")]],
    ["a `..` target", [link("evil", "../outside")]],
    ["a nested `..` target", [link("d/evil", "../../outside")]],
    ["a backslash target", [link("evil", "..\\outside")]],
    ["a drive-letter target", [link("evil", "C:\\Windows")]],
    ["a chain through another symlink (a -> ., b -> a/..)", [link("a", "."), link("b", "a/..")]],
    ["a chain through a deeper symlink (d/l -> ../.., reached via x -> d)", [link("x", "d/l/.."), { name: "d/", mode: S_IFDIR | 0o755 }, link("d/l", "..")]],
  ];
  for (const [what, entries] of escaping) {
    test(`refuses ${what} and writes nothing`, async () => {
      const { dest, result } = await unzipRaw([{ name: "good.txt", data: "fine" }, ...entries]);
      await assert.rejects(result, isError("InvalidParameterValueException", /is a symlink to '.*', outside the code directory/));
      assert.deepEqual(await tree(dest), []);
    });
  }

  test("names are exact on Linux (Lib -> lib is no loop), folded on case-insensitive hosts (b -> A/.. reaches a -> .)", async () => {
    const links = [
      { name: "a", segments: ["a"], target: "." },
      { name: "b", segments: ["b"], target: "A/.." },
    ];
    assert.doesNotThrow(() => checkSymlinks(links, false));
    assert.throws(() => checkSymlinks(links, true), isError("InvalidParameterValueException", /'b' is a symlink to 'A\/\.\.', outside/));
    assert.throws(() => checkSymlinks([{ name: "Lib", segments: ["Lib"], target: "lib" }], true), /loop/);
    if (process.platform === "linux") {
      const { dest, result } = await unzipRaw([{ name: "lib/x.py", data: "x" }, link("Lib", "lib")]);
      await result;
      assert.equal(await readFile(join(dest, "Lib/x.py"), "utf8"), "x");
    }
  });

  test("refuses a symlink inside a symlink (p -> ., p/q -> ..)", async () => {
    const { dest, result } = await unzipRaw([link("p", "."), link("p/q", "..")]);
    await assert.rejects(result, isError("InvalidParameterValueException", /'p\/q' is inside 'p', which is a symlink/));
    assert.deepEqual(await tree(dest), []);
  });

  test("refuses a file written through a symlink (l -> sub, l/x)", async () => {
    const { dest, result } = await unzipRaw([link("l", "sub"), { name: "l/x", data: "x" }]);
    await assert.rejects(result, isError("InvalidParameterValueException", /'l\/x' is inside 'l', which is a symlink/));
    assert.deepEqual(await tree(dest), []);
  });

  test("refuses symlink loops, empty targets and over-long targets", async () => {
    const loop = await unzipRaw([link("a", "b"), link("b", "a/x")]);
    await assert.rejects(loop.result, isError("InvalidParameterValueException", /loop/));
    const empty = await unzipRaw([link("e", "")]);
    await assert.rejects(empty.result, isError("InvalidParameterValueException", /empty target/));
    const long = await unzipRaw([link("l", "a/".repeat(2100))]);
    await assert.rejects(long.result, isError("InvalidParameterValueException", /longer than 4095 bytes/));
  });
});

describe("safeUnzip: damaged and hostile zips", () => {
  test("not a zip, empty, truncated", async () => {
    const good = buildRawZip([{ name: "a.txt", data: "hello" }]);
    for (const bytes of [Buffer.from("this is not a zip file at all"), Buffer.alloc(0), good.subarray(0, good.length - 10)]) {
      await assert.rejects(safeUnzip(bytes, await freshDest()), isError("InvalidParameterValueException", COULD_NOT_UNZIP));
    }
  });

  test("corrupt deflate data", async () => {
    const { result } = await unzipRaw([{ name: "a.txt", rawDeflated: Buffer.from([0xff, 0xff, 0xff, 0xff]), data: "hello" }]);
    await assert.rejects(result, isError("InvalidParameterValueException", COULD_NOT_UNZIP));
  });

  test("an encrypted entry", async () => {
    const { result } = await unzipRaw([{ name: "a.txt", data: "hello", flags: 0x1 }]);
    await assert.rejects(result, isError("InvalidParameterValueException", COULD_NOT_UNZIP));
  });

  test("an entry that inflates to more than it declares stops at once", async () => {
    const bomb = deflateRawSync(Buffer.alloc(20 * 1024 * 1024));
    const started = performance.now();
    const { dest, result } = await unzipRaw([{ name: "liar.bin", rawDeflated: bomb, declaredSize: 100 }]);
    await assert.rejects(result, isError("InvalidParameterValueException", COULD_NOT_UNZIP));
    assert.ok(performance.now() - started < 2000);
    const written = (await tree(dest)).length ? (await stat(join(dest, "liar.bin"))).size : 0;
    assert.ok(written <= 100, `wrote ${written} bytes`);
  });

  test("many honest entries whose sum passes the limit are refused before anything is written", async () => {
    const tenMb = 10 * 1024 * 1024;
    const deflated = deflateRawSync(Buffer.alloc(tenMb));
    const entries: RawZipEntry[] = Array.from({ length: 26 }, (_, i) => ({ name: `part-${i}.bin`, rawDeflated: deflated, declaredSize: tenMb }));
    const started = performance.now();
    const { dest, result } = await unzipRaw(entries);
    await assert.rejects(result, isError("InvalidParameterValueException", "Unzipped size must be smaller than 262144000 bytes"));
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(await tree(dest), []);
  });

  test("the unzipped limit counts decompressed bytes, symlink targets included", async () => {
    const limits = { ...DEFAULT_UNZIP_LIMITS, maxUnzippedBytes: 10 };
    const atLimit = await unzipRaw([{ name: "a", data: "12345" }, { name: "l", data: "a2345", mode: S_IFLNK | 0o777 }], limits);
    assert.equal((await atLimit.result).unzippedSize, 10);
    const over = await unzipRaw([{ name: "a", data: "123456" }, { name: "l", data: "a2345", mode: S_IFLNK | 0o777 }], limits);
    await assert.rejects(over.result, isError("InvalidParameterValueException", "Unzipped size must be smaller than 10 bytes"));
  });

  test("too many entries are refused before reading them", async () => {
    const { dest, result } = await unzipRaw(
      Array.from({ length: 4 }, (_, i) => ({ name: `f${i}`, data: "x" })),
      { ...DEFAULT_UNZIP_LIMITS, maxEntries: 3 },
    );
    await assert.rejects(result, isError("InvalidParameterValueException", /more than 3 entries/));
    assert.deepEqual(await tree(dest), []);
  });

  test("the default entry cap is 100,000", async () => {
    const zip = buildRawZip(Array.from({ length: 100_001 }, (_, i) => ({ name: `f${i}` })));
    const started = performance.now();
    await assert.rejects(safeUnzip(zip, await freshDest()), isError("InvalidParameterValueException", /more than 100000 entries/));
    assert.ok(performance.now() - started < 1000);
  });

  test("a zip64 zip unpacks (the form the over-cap zip above takes)", async () => {
    const dest = await freshDest();
    await safeUnzip(buildRawZip([{ name: "a/b.txt", data: "zip64" }], { zip64: true }), dest);
    assert.equal(await readFile(join(dest, "a/b.txt"), "utf8"), "zip64");
  });
});
