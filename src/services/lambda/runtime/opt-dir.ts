/**
 * The `/opt` equivalent of an environment: the function's layers merged in order, a later
 * layer's file replacing an earlier one's at the same path, as Lambda extracts them.
 * https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html#chapter-layers-path
 *
 * We never touch the machine's real /opt: each layer combination gets a directory under the
 * engine's work dir, exported to the function as STRATUS_OPT_DIR and used for the search paths
 * AWS derives from /opt (NODE_PATH, PYTHONPATH, PATH, LD_LIBRARY_PATH). Files are symlinked,
 * not copied, so building one is cheap even for large layers; the layers themselves are
 * read-only unpacked code owned by the code store.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readlink, rename, rm, symlink, unlink, lstat } from "node:fs/promises";
import { join } from "node:path";

export class OptDirs {
  private readonly built = new Map<string, Promise<string>>();
  private disposed = false;

  constructor(private readonly root: string) {}

  /** The merged directory for these layers (built once per combination). */
  dirFor(layerDirs: readonly string[]): Promise<string> {
    if (this.disposed) return Promise.reject(new Error("the Lambda execution engine is stopped"));
    if (layerDirs.length === 1) return Promise.resolve(layerDirs[0]); // nothing to merge
    const key = layerDirs.join("\n");
    let dir = this.built.get(key);
    if (!dir) {
      dir = this.build(layerDirs);
      this.built.set(key, dir);
      dir.catch(() => this.built.delete(key));
    }
    return dir;
  }

  /** Removes every directory this instance built. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.allSettled(this.built.values()); // let a build in progress finish first
    this.built.clear();
    await rm(this.root, { recursive: true, force: true });
  }

  private async build(layerDirs: readonly string[]): Promise<string> {
    const name = layerDirs.length === 0 ? "empty" : createHash("sha256").update(layerDirs.join("\n")).digest("hex").slice(0, 24);
    const target = join(this.root, name);
    const staging = `${target}.tmp-${randomBytes(4).toString("hex")}`;
    await mkdir(staging, { recursive: true });
    for (const layer of layerDirs) await overlay(layer, staging);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    return target;
  }
}

/** Lays `src`'s tree over `dest`: directories merge, files and links replace. */
async function overlay(src: string, dest: string): Promise<void> {
  for (const entry of await readdir(src, { withFileTypes: true })) {
    const from = join(src, entry.name);
    const to = join(dest, entry.name);
    const existing = await lstat(to).catch(() => undefined);
    if (entry.isDirectory()) {
      if (existing && !existing.isDirectory()) await unlink(to);
      if (!existing?.isDirectory()) await mkdir(to);
      await overlay(from, to);
      continue;
    }
    if (existing) await rm(to, { recursive: true, force: true });
    // A link inside a layer is kept as the same link; a file becomes a link to the layer's copy.
    await symlink(entry.isSymbolicLink() ? await readlink(from) : from, to);
  }
}
