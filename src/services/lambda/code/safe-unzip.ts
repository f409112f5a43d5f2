/**
 * Unpacks a zip into an empty directory, refusing anything unsafe before writing a byte:
 *   1. the central directory is read and planned (plan.ts): names, kinds, conflicts, the
 *      entry count, and the sizes entries declare;
 *   2. symlink targets are read and checked (symlink-check.ts);
 *   3. directories and files are written, counting the bytes actually decompressed: a zip
 *      that lies about its sizes fails (yauzl checks each entry's count) and none gets past
 *      the unzipped limit;
 *   4. symlinks are created last, so nothing is ever written through one.
 * Every parent is checked to be a real directory (lstat) before anything is created in it.
 * On failure the directory is left as it is: the caller unpacks into a temporary directory and
 * removes it.
 */
import { chmod, lstat, mkdir, open, symlink } from "node:fs/promises";
import { join } from "node:path";
import { ServiceError } from "../../../core/errors.js";
import { ByteBudget } from "./byte-budget.js";
import { CodeErrors } from "./errors.js";
import { DEFAULT_DIR_MODE } from "./entry-paths.js";
import { DEFAULT_UNZIP_LIMITS, MAX_SYMLINK_TARGET_BYTES, type UnzipLimits } from "./limits.js";
import { planEntries, type PlannedEntry } from "./plan.js";
import { checkSymlinks } from "./symlink-check.js";
import { entryChunks, openZip, readEntries, type ZipFile } from "./zip-reader.js";

/** Files written at once: most zips hold many small files, and each costs a few system calls. */
const WRITE_CONCURRENCY = 16;

export interface UnzipResult {
  /** Bytes decompressed: file contents plus symlink targets. */
  unzippedSize: number;
}

export async function safeUnzip(zip: Buffer, destDir: string, limits: UnzipLimits = DEFAULT_UNZIP_LIMITS): Promise<UnzipResult> {
  const zipfile = await openZip(zip);
  try {
    if (zipfile.entryCount > limits.maxEntries) throw CodeErrors.tooManyEntries(limits.maxEntries);
    const plan = planEntries(await readEntries(zipfile));
    const budget = new ByteBudget(limits.maxUnzippedBytes);
    if (budget.wouldExceed(plan.declaredBytes)) throw CodeErrors.unzippedTooLarge(limits.maxUnzippedBytes);

    const targets = new Map<PlannedEntry, string>();
    for (const link of plan.symlinks) targets.set(link, await readSymlinkTarget(zipfile, link, budget));
    checkSymlinks(plan.symlinks.map((link) => ({ name: link.name, segments: link.segments, target: targets.get(link) ?? "" })));

    const dirs = new DirectoryMaker(destDir);
    for (const item of plan.entries) {
      await asEntryError(item, async () => {
        if (item.kind !== "dir") return dirs.ensure(item.segments.slice(0, -1));
        await dirs.ensure(item.segments);
        await chmod(join(destDir, ...item.segments), item.mode);
      });
    }
    const files = plan.entries.filter((item) => item.kind === "file");
    await inParallel(files, WRITE_CONCURRENCY, (item) =>
      asEntryError(item, () => writeFile(zipfile, item, join(destDir, ...item.segments), budget)),
    );
    for (const link of plan.symlinks) {
      await asEntryError(link, async () => {
        await dirs.ensure(link.segments.slice(0, -1));
        await symlink(targets.get(link) ?? "", join(destDir, ...link.segments));
      });
    }
    return { unzippedSize: budget.used };
  } finally {
    zipfile.close();
  }
}

async function readSymlinkTarget(zipfile: ZipFile, link: PlannedEntry, budget: ByteBudget): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of entryChunks(zipfile, link.entry)) {
    budget.spend(chunk.length);
    length += chunk.length;
    if (length > MAX_SYMLINK_TARGET_BYTES) {
      throw CodeErrors.unsafeEntry(link.name, `is a symlink whose target is longer than ${MAX_SYMLINK_TARGET_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  // Backslashes are separators in entry names (entry-paths.ts), so in targets too.
  return Buffer.concat(chunks).toString("utf8").replace(/\\/g, "/");
}

async function writeFile(zipfile: ZipFile, item: PlannedEntry, path: string, budget: ByteBudget): Promise<void> {
  // "wx": never follow or replace whatever is already there.
  const handle = await open(path, "wx", item.mode);
  try {
    for await (const chunk of entryChunks(zipfile, item.entry)) {
      budget.spend(chunk.length);
      for (let offset = 0; offset < chunk.length; ) {
        const { bytesWritten } = await handle.write(chunk, offset);
        offset += bytesWritten;
      }
    }
    await handle.chmod(item.mode); // the mode given to open() is narrowed by the umask
  } finally {
    await handle.close();
  }
}

/**
 * Runs `work` on every item, at most `limit` at a time. The first failure stops new work; the
 * promise settles (with that failure) only once the running items have finished, so the caller
 * can then remove what they wrote.
 */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.err;
}

/** Creates parent directories one level at a time, refusing to pass through anything but a real directory. */
class DirectoryMaker {
  private readonly known = new Set<string>();

  constructor(private readonly root: string) {}

  async ensure(segments: readonly string[]): Promise<void> {
    for (let i = 1; i <= segments.length; i++) {
      const key = segments.slice(0, i).join("/");
      if (this.known.has(key)) continue;
      const path = join(this.root, ...segments.slice(0, i));
      try {
        await mkdir(path, DEFAULT_DIR_MODE);
        await chmod(path, DEFAULT_DIR_MODE);
      } catch (err) {
        if (errorCode(err) !== "EEXIST" || !(await lstat(path)).isDirectory()) throw err;
      }
      this.known.add(key);
    }
  }
}

/** File-system errors an entry itself causes (a name too long, a clash) become the entry's error; others stay internal. */
const ENTRY_ERRORS: Record<string, string> = {
  EEXIST: "has the same path as another entry",
  ENOTDIR: "is inside a path that is not a directory",
  EISDIR: "has the same path as a directory",
  ENAMETOOLONG: "has a name too long for the file system",
  EILSEQ: "has a name the file system cannot store",
  EINVAL: "has a name the file system cannot store",
};

async function asEntryError(item: PlannedEntry, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    const reason = ENTRY_ERRORS[errorCode(err) ?? ""];
    if (reason) throw CodeErrors.unsafeEntry(item.name, reason);
    throw err;
  }
}

function errorCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : undefined;
}
