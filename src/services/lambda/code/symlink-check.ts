/**
 * Refuses symlinks that lead outside the code directory. Each target is resolved the way the
 * kernel will resolve it once every symlink of the zip exists: following the zip's other
 * symlinks (`a -> .` then `b -> a/..` escapes although each looks harmless alone). On a
 * case-insensitive file system (macOS, Windows) lookups ignore case and Unicode normalization,
 * so `A/..` cannot reach the link `a` unseen; on Linux names are exact, as the kernel has them.
 */
import { CodeErrors } from "./errors.js";
import { splitRelativePath, UnsafePathError } from "./entry-paths.js";
import { MAX_SYMLINK_CHECK_STEPS, MAX_SYMLINK_HOPS } from "./limits.js";

export interface SymlinkToCheck {
  name: string;
  /** Where the link itself goes, inside the code directory. */
  segments: readonly string[];
  target: string;
}

/** Whether the host's file systems usually ignore case (APFS, NTFS); Linux's do not. */
export const CASE_INSENSITIVE_HOST = process.platform === "darwin" || process.platform === "win32";

type Fold = (path: string) => string;
const exact: Fold = (path) => path;
const folded: Fold = (path) => path.normalize("NFC").toLowerCase();

function rawSegments(target: string): string[] {
  return target.replace(/\\/g, "/").split("/");
}

export function checkSymlinks(links: readonly SymlinkToCheck[], caseInsensitive = CASE_INSENSITIVE_HOST): void {
  const fold = caseInsensitive ? folded : exact;
  const byPath = new Map<string, SymlinkToCheck>();
  for (const link of links) {
    const outside = () => CodeErrors.unsafeEntry(link.name, `is a symlink to '${link.target}', outside the code directory`);
    if (link.target === "") throw CodeErrors.unsafeEntry(link.name, "is a symlink with an empty target");
    try {
      // Lexically first: absolute paths, drive letters, NUL bytes, `..` past the top.
      splitRelativePath(link.target, link.segments.slice(0, -1));
    } catch (err) {
      if (!(err instanceof UnsafePathError)) throw err;
      throw link.target.includes("\0") ? CodeErrors.unsafeEntry(link.name, "is a symlink with a NUL byte in its target") : outside();
    }
    byPath.set(fold(link.segments.join("/")), link);
  }

  const steps = { count: 0 };
  for (const link of links) {
    const verdict = resolve(link, byPath, fold, steps);
    if (verdict === "escapes") throw CodeErrors.unsafeEntry(link.name, `is a symlink to '${link.target}', outside the code directory`);
    if (verdict === "loops") {
      throw CodeErrors.unsafeEntry(link.name, `is a symlink in a loop or a chain of more than ${MAX_SYMLINK_HOPS} symlinks`);
    }
  }
}

/** Walks the link's target component by component, substituting the zip's symlinks as met. */
function resolve(link: SymlinkToCheck, byPath: ReadonlyMap<string, SymlinkToCheck>, fold: Fold, steps: { count: number }): "inside" | "escapes" | "loops" {
  const stack = link.segments.slice(0, -1);
  let queue = rawSegments(link.target);
  let hops = 0;
  for (let i = 0; i < queue.length; ) {
    if (++steps.count > MAX_SYMLINK_CHECK_STEPS) {
      throw CodeErrors.unsafeEntry(link.name, "is one of too many chained symlinks to check");
    }
    const segment = queue[i++];
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (stack.length === 0) return "escapes";
      stack.pop();
      continue;
    }
    stack.push(segment);
    const via = byPath.get(fold(stack.join("/")));
    if (via) {
      if (++hops > MAX_SYMLINK_HOPS) return "loops";
      stack.pop();
      queue = [...rawSegments(via.target), ...queue.slice(i)];
      i = 0;
    }
  }
  return "inside";
}
