/**
 * Child processes as process groups. An environment is started with `detached: true`, which
 * makes it the leader of a new process group; killing `-pid` then takes whatever the runtime
 * started too (a user's bootstrap running a shell, a handler spawning tools), as a discarded
 * Lambda sandbox takes everything with it.
 *
 * Every live group is also remembered in this module, and a `process.on("exit")` hook kills
 * them all synchronously, so no environment outlives Stratus (a crash, a test that forgot
 * `stop()`). Only SIGKILL of Stratus itself can orphan them; then our bootstraps exit on their
 * own when the Runtime API goes away.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";

const liveGroups = new Set<number>();
let exitHookInstalled = false;

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
}

export function spawnGroup(command: string, args: string[], opts: SpawnOptions): ChildProcess {
  installExitHook();
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    shell: false,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid !== undefined) liveGroups.add(child.pid);
  return child;
}

/** SIGKILLs the whole group (and the leader directly, in case the group is already gone). */
export function killGroup(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: the group has no members left.
  }
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  liveGroups.delete(pid);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    liveGroups.clear();
  });
}

/**
 * Peak resident memory of a process in MB (Linux's VmHWM), for REPORT's "Max Memory Used".
 * 0 where /proc is not available.
 */
export async function peakMemoryMb(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? Math.ceil(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** How Go's os.ProcessState prints an exit, which is what AWS's Runtime.ExitError quotes. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `signal: ${SIGNAL_TEXT[signal] ?? signal}`;
  return `exit status ${code ?? 0}`;
}

const SIGNAL_TEXT: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: "killed",
  SIGTERM: "terminated",
  SIGSEGV: "segmentation fault",
  SIGABRT: "aborted",
  SIGINT: "interrupt",
  SIGBUS: "bus error",
  SIGFPE: "floating point exception",
  SIGILL: "illegal instruction",
  SIGHUP: "hangup",
  SIGPIPE: "broken pipe",
};
