/**
 * Uploaded code on disk, content-addressed: `<root>/<hex sha-256 of the zip>/code/` holds the
 * unpacked files and `<root>/<hex>/meta.json` the sizes. A zip is unpacked into a temporary
 * sibling (`.tmp-<pid>-<store>-…`) and renamed into place in one step, so the final name only
 * ever names complete code; code is deleted by renaming it aside (`.trash-<pid>-<store>-…`)
 * first. Both kinds of leftover are removed at start unless the store that made them is still
 * open (its process alive and, for this process, the store not closed). A crash can still lose
 * the last unpacked files on power loss (nothing is fsynced), never name half-unpacked code.
 *
 * With a root directory (the server's data dir) the code outlives the process; without one
 * the store lives in a fresh temporary directory that close() removes.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CodeErrors } from "./errors.js";
import { MAX_ZIPPED_UPLOAD_BYTES } from "./limits.js";
import { safeUnzip } from "./safe-unzip.js";
import type { CodeStore, StoredCode } from "./types.js";

export { codeSizeOfDirectory } from "./code-size.js";
export { MAX_UNZIPPED_BYTES, MAX_ZIPPED_UPLOAD_BYTES } from "./limits.js";

export interface FileCodeStoreOptions {
  /** Where code persists (`<dataDir>/lambda/code`); omitted, a temporary directory removed by close(). */
  rootDir?: string;
}

const TEMP_PREFIX = ".tmp-";
const TRASH_PREFIX = ".trash-";
const CODE_DIR = "code";
const META_FILE = "meta.json";
/** The zip as uploaded, kept so GetFunction's Code.Location can hand it back. */
const ZIP_FILE = "code.zip";

/** Ids of this process's open stores, which own the leftovers named with them. */
const openStores = new Set<string>();

interface Meta {
  sha256: string;
  size: number;
  unzippedSize: number;
}

export class FileCodeStore implements CodeStore {
  /** The directory the store lives in. */
  readonly rootDir: string;
  private readonly temporary: boolean;
  /** `<pid>-<random>`: names this store's temporary directories. */
  private readonly id = `${process.pid}-${randomBytes(4).toString("hex")}`;
  /** Stores and releases in progress, by hex digest: the same code is never unpacked twice at once. */
  private readonly pending = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(options: FileCodeStoreOptions = {}) {
    if (options.rootDir) {
      this.rootDir = resolve(options.rootDir);
      this.temporary = false;
      mkdirSync(this.rootDir, { recursive: true });
      removeLeftovers(this.rootDir);
    } else {
      this.rootDir = mkdtempSync(join(tmpdir(), "stratus-lambda-code-"));
      this.temporary = true;
    }
    openStores.add(this.id);
  }

  async storeZip(zip: Buffer): Promise<StoredCode> {
    if (this.closed) throw new Error("The code store is closed.");
    if (zip.length > MAX_ZIPPED_UPLOAD_BYTES) throw CodeErrors.zippedTooLarge(zip.length);
    const digest = createHash("sha256").update(zip).digest();
    const hex = digest.toString("hex");
    return this.serialize(hex, () => this.store(zip, hex, digest.toString("base64")));
  }

  dirOf(sha256: string): string | undefined {
    const hex = toHex(sha256);
    if (!hex) return undefined;
    const dir = join(this.rootDir, hex, CODE_DIR);
    return existsSync(dir) ? dir : undefined;
  }

  zipPathOf(sha256: string): string | undefined {
    const hex = toHex(sha256);
    if (!hex) return undefined;
    const file = join(this.rootDir, hex, ZIP_FILE);
    return existsSync(file) ? file : undefined;
  }

  async release(sha256: string): Promise<void> {
    const hex = toHex(sha256);
    if (!hex || this.closed) return;
    await this.serialize(hex, () => this.remove(hex));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending.values()]);
    openStores.delete(this.id);
    if (this.temporary) await rm(this.rootDir, { recursive: true, force: true });
  }

  /** Runs `work` after any other store or release of the same code. */
  private serialize<T>(hex: string, work: () => Promise<T>): Promise<T> {
    const before = this.pending.get(hex) ?? Promise.resolve();
    const result = before.then(work, work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.pending.set(hex, settled);
    void settled.then(() => {
      if (this.pending.get(hex) === settled) this.pending.delete(hex);
    });
    return result;
  }

  private async store(zip: Buffer, hex: string, sha256: string): Promise<StoredCode> {
    const finalDir = join(this.rootDir, hex);
    const existing = await this.readMeta(hex);
    if (existing) return { ...existing, dir: join(finalDir, CODE_DIR) };
    if (existsSync(finalDir)) await this.remove(hex); // damaged by hand: unpack again

    const tempDir = await mkdtemp(join(this.rootDir, `${TEMP_PREFIX}${this.id}-`));
    try {
      await mkdir(join(tempDir, CODE_DIR));
      const { unzippedSize } = await safeUnzip(zip, join(tempDir, CODE_DIR));
      const meta: Meta = { sha256, size: zip.length, unzippedSize };
      await writeFile(join(tempDir, ZIP_FILE), zip);
      await writeFile(join(tempDir, META_FILE), JSON.stringify(meta));
      try {
        await rename(tempDir, finalDir);
      } catch (err) {
        // Another process sharing the directory stored the same code first: use its copy.
        const theirs = await this.readMeta(hex);
        if (!theirs) throw err;
        return { ...theirs, dir: join(finalDir, CODE_DIR) };
      }
      return { ...meta, dir: join(finalDir, CODE_DIR) };
    } finally {
      await rm(tempDir, { recursive: true, force: true });
    }
  }

  private async remove(hex: string): Promise<void> {
    const trash = join(this.rootDir, `${TRASH_PREFIX}${this.id}-${hex}-${randomBytes(4).toString("hex")}`);
    try {
      await rename(join(this.rootDir, hex), trash);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw err;
    }
    await rm(trash, { recursive: true, force: true });
  }

  private async readMeta(hex: string): Promise<Meta | undefined> {
    try {
      const meta = JSON.parse(await readFile(join(this.rootDir, hex, META_FILE), "utf8")) as Partial<Meta>;
      if (typeof meta.sha256 !== "string" || typeof meta.size !== "number" || typeof meta.unzippedSize !== "number") return undefined;
      if (!existsSync(join(this.rootDir, hex, CODE_DIR))) return undefined;
      return { sha256: meta.sha256, size: meta.size, unzippedSize: meta.unzippedSize };
    } catch {
      return undefined;
    }
  }
}

/** Accepts AWS's CodeSha256 (base64) or the hex digest that names the directory. */
function toHex(sha256: string): string | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(sha256)) return sha256.toLowerCase();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(sha256)) return undefined;
  return Buffer.from(sha256, "base64").toString("hex");
}

/** Removes unpacking and deleting leftovers of stores no longer open (a crash), keeping open stores' work. */
function removeLeftovers(rootDir: string): void {
  for (const name of readdirSync(rootDir)) {
    const match = /^\.(?:tmp|trash)-((\d+)-[0-9a-f]+)-/.exec(name);
    if (!match || isOpen(match[1], Number(match[2]))) continue;
    rmSync(join(rootDir, name), { recursive: true, force: true });
  }
}

/**
 * Whether the store `id` may still be working. In this process we know; another process with
 * the pid may be the store's (it is alive) or a later one that reused the pid (a container
 * restarted), which cannot be told apart: its leftovers wait for a start when the pid is free.
 */
function isOpen(id: string, pid: number): boolean {
  if (pid === process.pid) return openStores.has(id);
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, but not ours to signal
  }
}
