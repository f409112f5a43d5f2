import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";

/**
 * The bytes of code in a local directory (hot reload): regular files' sizes plus symlinks'
 * own sizes (their target paths), as a zip of the directory would unpack to. Symlinks are not
 * followed, so a link to a parent or to a large tree elsewhere is not counted (nor looped on).
 */
export async function codeSizeOfDirectory(dir: string): Promise<number> {
  let total = 0;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (err) {
      if (current === dir) throw err;
      continue; // a subdirectory removed while counting
    }
    const sizes = await Promise.all(
      entries.map(async (entry) => {
        const path = join(current, entry.name);
        if (entry.isDirectory()) {
          pending.push(path);
          return 0;
        }
        if (!entry.isFile() && !entry.isSymbolicLink()) return 0;
        try {
          return (await lstat(path)).size;
        } catch {
          return 0; // removed while counting: hot-reload directories change under us
        }
      }),
    );
    for (const size of sizes) total += size;
  }
  return total;
}
