/**
 * yauzl behind promises, with every failure of the zip itself turned into AWS's "Could not
 * unzip" error. Names are decoded here without yauzl's own checks (`decodeStrings: false`,
 * `strictFileNames: true`), so the caller sees backslashes and `..` and can name the entry
 * it refuses.
 */
import type { Readable } from "node:stream";
import type Yauzl from "yauzl";
import { lazyRequire } from "../../../core/lazy-require.js";
import { CodeErrors } from "./errors.js";

export type ZipFile = Yauzl.ZipFile;
export type ZipEntry = Yauzl.Entry;

const yauzl = lazyRequire<typeof Yauzl>("yauzl");

export async function openZip(zip: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl().fromBuffer(
      zip,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true },
      (err, zipfile) => (err || !zipfile ? reject(CodeErrors.notAZip()) : resolve(zipfile)),
    );
  });
}

/** Reads the whole central directory (no file data) into memory. */
export async function readEntries(zipfile: ZipFile): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ZipEntry[] = [];
    zipfile.on("entry", (entry: ZipEntry) => {
      entries.push(entry);
      zipfile.readEntry();
    });
    zipfile.once("end", () => resolve(entries));
    zipfile.once("error", () => reject(CodeErrors.notAZip()));
    zipfile.readEntry();
  });
}

/** The entry's name as the zip means it: UTF-8 when flagged (or given as a Unicode path extra field), else CP437. */
export function entryName(entry: ZipEntry): string {
  return yauzl().getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
}

/** Whether yauzl can decode the entry's data: stored or deflated, and not encrypted. */
export function isReadable(entry: ZipEntry): boolean {
  return (entry.compressionMethod === 0 || entry.compressionMethod === 8) && !entry.isEncrypted();
}

/**
 * The entry's decompressed bytes, chunk by chunk. A stream that fails (corrupt deflate data,
 * more or fewer bytes than the entry declares) throws "Could not unzip"; a consumer that
 * stops early destroys the stream.
 */
export async function* entryChunks(zipfile: ZipFile, entry: ZipEntry): AsyncGenerator<Buffer> {
  const stream = await new Promise<Readable>((resolve, reject) => {
    zipfile.openReadStream(entry, (err, readStream) => (err || !readStream ? reject(CodeErrors.notAZip()) : resolve(readStream)));
  });
  const chunks = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = await chunks.next();
      } catch {
        throw CodeErrors.notAZip();
      }
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as Uint8Array);
    }
  } finally {
    stream.destroy();
  }
}
