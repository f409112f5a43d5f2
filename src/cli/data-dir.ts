/**
 * Checks the data directory before the server opens it, so a bad `--data-dir` is reported as
 * "cannot use data directory X: why" rather than as whatever mkdir or SQLite happened to throw.
 */
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { runtimeError } from "./cli-error.js";

export function ensureUsableDataDir(dir: string): void {
  const fail = (why: string) => runtimeError(`cannot use data directory ${dir}: ${why}`);
  let isDirectory: boolean | undefined;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (err) {
    if (errnoCode(err) !== "ENOENT") throw fail(describeFsError(err));
  }
  if (isDirectory === false) throw fail("it exists and is not a directory");
  try {
    if (isDirectory === undefined) mkdirSync(dir, { recursive: true });
    // SQLite needs to create the database, its WAL and shared-memory files next to each other.
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw fail(describeFsError(err));
  }
}

export function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function describeFsError(err: unknown): string {
  switch (errnoCode(err)) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a parent path is not a directory";
    case "EROFS":
      return "read-only file system";
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
