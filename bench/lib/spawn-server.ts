/**
 * Runs a server under test in its own child process, so that the server and the load generator
 * each get a core. The child prints a ready line naming its endpoint; we wait for it, and read
 * the child's resident set size and CPU time from /proc while it runs. Every child started here
 * is killed when the benchmark exits, fails or is interrupted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

export interface SpawnOptions {
  /** Executable (usually process.execPath) and its arguments. */
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Matches the ready line; group 1 is the endpoint. */
  ready: RegExp;
  /** Gives up (and kills the child) when no ready line came by then. */
  timeoutMs?: number;
}

export interface SpawnedServer {
  child: ChildProcess;
  pid: number;
  endpoint: string;
  /** performance.now() just before spawn() and when the ready line arrived. */
  spawnedAt: number;
  readyAt: number;
  /** SIGTERM, then SIGKILL if the child has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", () => killAll());
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

/** Kills every child still running (used on exit and on error paths). */
export function killAll(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  live.clear();
}

export function spawnServer(options: SpawnOptions): Promise<SpawnedServer> {
  installExitHooks();
  const timeoutMs = options.timeoutMs ?? 15_000;
  const spawnedAt = performance.now();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  exited.then(() => live.delete(child), () => undefined);

  let stderr = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-8192);
  });

  return new Promise<SpawnedServer>((resolve, reject) => {
    let stdout = "";
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill("SIGKILL");
      reject(new Error(`${why}: ${options.command} ${options.args.join(" ")}\nstdout: ${stdout.slice(-2000)}\nstderr: ${stderr.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`no ready line within ${timeoutMs} ms`), timeoutMs);
    child.once("error", (err) => fail(`cannot spawn (${err.message})`));
    child.once("exit", (code, signal) => fail(`exited before ready (code ${code}, signal ${signal})`));
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      if (settled) return;
      stdout += chunk;
      const match = options.ready.exec(stdout);
      if (!match) return;
      const readyAt = performance.now();
      settled = true;
      clearTimeout(timer);
      // Keep draining the pipe so the child never blocks on a full stdout.
      child.stdout!.resume();
      resolve({
        child,
        pid: child.pid!,
        endpoint: match[1],
        spawnedAt,
        readyAt,
        stop: async (graceMs = 10_000) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill("SIGTERM");
          const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), graceMs).unref());
          if ((await Promise.race([exited, timeout])) === "timeout") {
            child.kill("SIGKILL");
            await exited;
          }
        },
      });
    });
  });
}

/** VmRSS and VmHWM (peak RSS) of a process, in bytes, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return m ? Number(m[1]) * 1024 : Number.NaN;
  };
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

/** User + system CPU seconds a process has used so far, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at ")"; utime and stime are
  // fields 14 and 15, counted in clock ticks (100 per second on Linux).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds the whole machine has spent busy (all cores, everything but idle and iowait). */
export function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}
