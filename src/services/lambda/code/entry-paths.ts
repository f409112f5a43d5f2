/**
 * What a zip entry is and where it may go: its name normalized to path segments inside the
 * code directory (or refused), its kind (file, directory, symlink) and its Unix mode.
 */

export type EntryKind = "file" | "dir" | "symlink";

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
/** MS-DOS directory attribute, in the low byte of the external attributes. */
const DOS_DIRECTORY = 0x10;

export const DEFAULT_FILE_MODE = 0o644;
export const DEFAULT_DIR_MODE = 0o755;

/** Why a name or symlink target is refused, phrased to follow "the entry 'x' …". */
export class UnsafePathError extends Error {}

/**
 * Splits a zip path into the segments of a relative path, resolving `.` and `..` lexically.
 * Backslashes count as separators (Windows tools write them, and on a Windows host they are
 * separators), so `..\x` is as much a traversal as `../x`. Throws UnsafePathError for absolute
 * paths, drive letters, NUL bytes, and paths whose `..` climbs above the start.
 */
export function splitRelativePath(path: string, start: readonly string[] = []): string[] {
  if (path.includes("\0")) throw new UnsafePathError("has a NUL byte in its path");
  const slashed = path.replace(/\\/g, "/");
  if (slashed.startsWith("/")) throw new UnsafePathError("has an absolute path");
  if (/^[a-zA-Z]:/.test(slashed)) throw new UnsafePathError("has an absolute path (a drive letter)");
  const segments = [...start];
  for (const segment of slashed.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.length === 0) throw new UnsafePathError("points outside the code directory");
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  return segments;
}

/** The Unix mode bits stored in the high 16 bits of an entry's external attributes. */
export function unixMode(externalFileAttributes: number): number {
  return (externalFileAttributes >>> 16) & 0xffff;
}

export function entryKind(fileName: string, externalFileAttributes: number): EntryKind {
  const mode = unixMode(externalFileAttributes);
  const type = mode & S_IFMT;
  if (type === S_IFLNK) return "symlink";
  if (type === S_IFDIR || /[/\\]$/.test(fileName)) return "dir";
  if (type === 0 && (externalFileAttributes & DOS_DIRECTORY) !== 0) return "dir";
  // Regular files, and any other Unix type (FIFOs, devices): only ever written as plain files.
  return "file";
}

/**
 * The permissions to give an unpacked entry: the zip's, without setuid/setgid/sticky, or the
 * default when the zip has none. A directory always keeps its owner's rwx, so Stratus can
 * unpack into it and delete it later.
 */
export function entryPermissions(kind: EntryKind, externalFileAttributes: number): number {
  const perms = unixMode(externalFileAttributes) & 0o777;
  if (kind === "dir") return (perms === 0 ? DEFAULT_DIR_MODE : perms) | 0o700;
  return perms === 0 ? DEFAULT_FILE_MODE : perms;
}
