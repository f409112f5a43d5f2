/**
 * The temp directory environments work in (merged layers, Runtime API sockets). Its name
 * carries the server's pid, so that a server killed without cleaning up (kill -9, a crash)
 * leaves a directory the next server can recognise as abandoned and remove.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PREFIX = "stratus-lambda-";

export function createWorkDir(): string {
  removeAbandoned();
  return mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
}

function removeAbandoned(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
