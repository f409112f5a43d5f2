/**
 * The first pass over a zip's central directory, before anything is written: every entry's
 * name checked and normalized, its kind and mode, conflicts between entries, and the sizes
 * the entries declare. An unsafe zip is refused here, as a whole.
 */
import { CodeErrors } from "./errors.js";
import { entryKind, entryPermissions, splitRelativePath, UnsafePathError, type EntryKind } from "./entry-paths.js";
import { entryName, isReadable, type ZipEntry } from "./zip-reader.js";

export interface PlannedEntry {
  entry: ZipEntry;
  /** The name as the zip spells it, for messages. */
  name: string;
  /** The normalized path inside the code directory (never empty). */
  segments: string[];
  kind: EntryKind;
  /** Permission bits to apply (no file-type bits). */
  mode: number;
}

export interface UnzipPlan {
  /** Directories and files in zip order (a file named twice appears once, as its last copy). */
  entries: PlannedEntry[];
  symlinks: PlannedEntry[];
  /** The uncompressed sizes the file and symlink entries declare, summed (a claim, checked while reading). */
  declaredBytes: number;
}

export function planEntries(entries: readonly ZipEntry[]): UnzipPlan {
  /** What each path is: an entry's kind, or "dir" for the parents of entries. */
  const kinds = new Map<string, EntryKind>();
  const planned = new Map<string, PlannedEntry>();
  const symlinks: PlannedEntry[] = [];

  for (const entry of entries) {
    if (!isReadable(entry)) throw CodeErrors.notAZip();
    const name = entryName(entry);
    const kind = entryKind(name, entry.externalFileAttributes);
    let segments: string[];
    try {
      segments = splitRelativePath(name);
    } catch (err) {
      if (err instanceof UnsafePathError) throw CodeErrors.unsafeEntry(name, err.message);
      throw err;
    }
    if (segments.length === 0) {
      if (kind === "dir") continue; // "./": the code directory itself
      throw CodeErrors.unsafeEntry(name, "has no file name");
    }

    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join("/");
      const parentKind = kinds.get(parent);
      if (parentKind !== undefined && parentKind !== "dir") {
        throw CodeErrors.unsafeEntry(name, `is inside '${parent}', which is a ${parentKind === "file" ? "file" : "symlink"}`);
      }
      kinds.set(parent, "dir");
    }

    const key = segments.join("/");
    const existing = kinds.get(key);
    if (existing !== undefined && !(existing === kind && kind !== "symlink")) {
      throw CodeErrors.unsafeEntry(name, "has the same path as another entry");
    }
    kinds.set(key, kind);
    const item: PlannedEntry = { entry, name, segments, kind, mode: entryPermissions(kind, entry.externalFileAttributes) };
    if (kind === "symlink") {
      symlinks.push(item);
    } else {
      planned.delete(key); // a repeated file or directory: the last copy wins, in its own place
      planned.set(key, item);
    }
  }

  const kept = [...planned.values()];
  let declaredBytes = 0;
  for (const item of [...kept, ...symlinks]) if (item.kind !== "dir") declaredBytes += item.entry.uncompressedSize;
  return { entries: kept, symlinks, declaredBytes };
}
