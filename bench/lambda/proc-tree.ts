/**
 * CPU and memory of a server *and the processes it started*: Stratus runs every Lambda
 * execution environment as a child process (its own process group, still our child), so the
 * server's own /proc figures miss the work the runtimes do. Linux only (/proc).
 *
 * Tree CPU = the server's utime + stime + cutime + cstime (children it has already reaped) plus
 * utime + stime + cutime + cstime of every live descendant. A child that exits during a window
 * moves from the second term to the first, a child born in it starts at zero, so differences
 * between two samples stay consistent.
 */
import { readdirSync, readFileSync } from "node:fs";

interface Stat {
  pid: number;
  ppid: number;
  /** utime + stime, seconds. */
  own: number;
  /** cutime + cstime (reaped children), seconds. */
  reaped: number;
}

const TICKS = 100; // USER_HZ on Linux

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined; // gone meanwhile
  }
  // Fields after the command name (which may hold spaces and parentheses) start after the last ")".
  const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
  return { pid, ppid: Number(f[1]), own: (Number(f[11]) + Number(f[12])) / TICKS, reaped: (Number(f[13]) + Number(f[14])) / TICKS };
}

function allStats(): Stat[] {
  const out: Stat[] = [];
  for (const name of readdirSync("/proc")) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    const s = readStat(Number(name));
    if (s) out.push(s);
  }
  return out;
}

/** Every live descendant of `root` (children, grandchildren, …). */
export function descendants(root: number, stats: Stat[] = allStats()): Stat[] {
  const byParent = new Map<number, Stat[]>();
  for (const s of stats) {
    const list = byParent.get(s.ppid);
    if (list) list.push(s);
    else byParent.set(s.ppid, [s]);
  }
  const out: Stat[] = [];
  const stack = [root];
  while (stack.length > 0) {
    for (const child of byParent.get(stack.pop()!) ?? []) {
      out.push(child);
      stack.push(child.pid);
    }
  }
  return out;
}

export interface TreeCpu {
  /** The server process alone (utime + stime), seconds. */
  server: number;
  /** Server + everything it started, seconds. */
  tree: number;
}

export function treeCpu(root: number): TreeCpu {
  const stats = allStats();
  const self = stats.find((s) => s.pid === root);
  if (!self) return { server: Number.NaN, tree: Number.NaN };
  const kids = descendants(root, stats);
  return { server: self.own, tree: self.own + self.reaped + kids.reduce((sum, k) => sum + k.own + k.reaped, 0) };
}

export interface TreeMemory {
  /** VmRSS of the server process, bytes. */
  serverRss: number;
  /** Live descendants (execution environments). */
  children: number;
  /** Σ Pss of the descendants (shared pages split between sharers, so the sum is not inflated), bytes. */
  childrenPss: number;
  /** Σ VmRSS of the descendants, bytes (counts shared pages once per process). */
  childrenRss: number;
}

function kbField(text: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
  return m ? Number(m[1]) * 1024 : 0;
}

export function treeMemory(root: number): TreeMemory {
  const read = (path: string) => {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return "";
    }
  };
  const kids = descendants(root);
  let childrenPss = 0;
  let childrenRss = 0;
  for (const k of kids) {
    childrenPss += kbField(read(`/proc/${k.pid}/smaps_rollup`), "Pss");
    childrenRss += kbField(read(`/proc/${k.pid}/status`), "VmRSS");
  }
  return { serverRss: kbField(read(`/proc/${root}/status`), "VmRSS"), children: kids.length, childrenPss, childrenRss };
}

/** CPU seconds the whole machine has been busy (all cores), from /proc/stat. */
export { machineBusySeconds } from "../lib/spawn-server.js";

/**
 * Other benchmark runs on this machine (another engineer's `bench/sqs`, or a second
 * `bench/lambda`): their pids, excluding this process and its ancestors.
 */
export function otherBenchmarks(patterns: string[]): number[] {
  const mine = new Set<number>([process.pid, process.ppid]);
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    const pid = Number(name);
    if (mine.has(pid)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    } catch {
      continue;
    }
    if (patterns.some((p) => cmd.includes(p))) out.push(pid);
  }
  return out;
}
