/** What the figures were measured on: cores, CPU model, memory, Node, kernel, date, commit. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, release, totalmem } from "node:os";

export interface Machine {
  cores: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  kernel: string;
  date: string;
  commit: string;
}

export function describeMachine(cwd: string): Machine {
  let cpuModel = "unknown";
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: leave "unknown"
  }
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd, encoding: "utf8" }).trim();
    if (dirty) commit += " + uncommitted changes";
  } catch {
    // not a git checkout
  }
  return {
    cores: availableParallelism(),
    cpuModel,
    ramGiB: totalmem() / 1024 ** 3,
    node: process.version,
    kernel: release(),
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    commit,
  };
}
