/**
 * One execution environment: a runtime process (its own process group) and the Runtime API
 * server it talks to. Lifecycle, as AWS documents it: INIT (start the runtime, which loads the
 * handler and asks for its first event), then INVOKE phases one at a time, until the platform
 * stops it (idle, timeout, crash, retire).
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 *
 * Time limits (INIT, the function timeout) run on the injected Clock, so a ManualClock test can
 * drive them; durations reported in logs are measured with the monotonic clock.
 */
import type { ChildProcess } from "node:child_process";
import type { Socket } from "node:net";
import type { Clock, TimerHandle } from "../../../core/clock.js";
import { monotonicMs } from "../../../core/clock.js";
import { LineSplitter } from "./log-buffer.js";
import { describeExit, killGroup, peakMemoryMb, spawnGroup } from "./process-group.js";
import { RuntimeApiServer, type NextInvocation, type RuntimeReport } from "./runtime-api-server.js";
import type { Command } from "./runtimes.js";

export type InitOutcome =
  | { ok: true; durationMs: number }
  | {
      ok: false;
      durationMs: number;
      reason: "initError" | "exit" | "timeout" | "spawn";
      errorType: string;
      /** The runtime's own error document (`/init/error`), passed through as the invoke payload. */
      body?: Buffer;
      /** Platform message (without the `RequestId: … Error:` prefix) when there is no body. */
      message?: string;
    };

export type InvokeOutcome =
  | { kind: "response"; body: Buffer }
  | { kind: "error"; body: Buffer; errorType?: string }
  | { kind: "tooLarge"; size: number }
  | { kind: "timeout" }
  /** `message`: "Runtime exited with error: exit status 1", as AWS words it. */
  | { kind: "exit"; message: string }
  /** The environment died before its runtime took the event: safe to run it elsewhere. */
  | { kind: "undelivered" };

export interface EnvironmentOptions {
  clock: Clock;
  initTimeoutMs: number;
  cwd: string;
  /** Where the Runtime API also listens as a Unix socket, for Stratus's own bootstraps. */
  socketPath?: string;
  /** Every line the runtime writes (stdout and stderr) and every platform line. */
  onLine: (line: string) => void;
  /** The environment stopped on its own or was killed. */
  onDead: () => void;
}

type State = "new" | "initializing" | "idle" | "busy" | "dead";

export class Environment {
  state: State = "new";
  /**
   * Peak memory (VmHWM) of the runtime process, read after INIT and then at most once a second
   * after invocations: reading /proc on every invocation cost more server CPU than the rest of
   * the invoke path. A high-water mark only grows, so a reading up to a second old is a lower
   * bound that the next sample corrects (a dead process has no /proc entry).
   */
  peakMemoryMb = 0;
  private memorySampledAt = 0;
  private memorySampling = false;
  /** Chunks read from the runtime's stdout and stderr so far (see drainOutput). */
  private outputChunks = 0;
  /** Lines written during INIT, kept so a failed INIT can show them in the invocation's tail. */
  readonly initLines: string[] = [];
  /** Receives the lines of the invocation in progress (START..REPORT). */
  lineTap: ((line: string) => void) | undefined;
  /** Clock timer that stops this environment when it has been idle too long (set by the pool). */
  idleTimer: TimerHandle | undefined;

  private child: ChildProcess | undefined;
  private readonly server: RuntimeApiServer;
  private readonly splitters: LineSplitter[] = [];
  private initWaiter: ((o: InitOutcome) => void) | undefined;
  private initTimer: TimerHandle | undefined;
  private initStarted = 0;
  /** From spawn until INIT's outcome is settled (including the drain after a failure). */
  private inInit = false;
  private invokeWaiter: InvokeWaiter | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly o: EnvironmentOptions) {
    this.server = new RuntimeApiServer({
      ready: () => void this.finishInit({ ok: true, durationMs: monotonicMs() - this.initStarted }),
      initError: (body, headerType) =>
        void this.finishInit({ ok: false, durationMs: monotonicMs() - this.initStarted, reason: "initError", errorType: errorTypeOf(body) ?? headerType ?? "Runtime.Unknown", body }),
      delivered: (requestId) => {
        const w = this.invokeWaiter;
        if (w?.requestId !== requestId) return;
        w.delivered = true;
        w.onDelivered?.();
      },
      result: (r) => void this.finishInvoke(r.requestId, toOutcome(r)),
    }, o.socketPath);
  }

  private isDead(): boolean {
    return this.state === "dead";
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Writes a platform line (START, END, REPORT…) into this environment's log. */
  emit(line: string): void {
    if (this.inInit) this.initLines.push(line);
    this.lineTap?.(line);
    this.o.onLine(line);
  }

  /** Runs INIT: spawns the runtime and waits for its first `/next`, an init error, an exit, or the INIT limit. */
  async start(command: Command, env: (runtimeApi: string) => Record<string, string>): Promise<InitOutcome> {
    this.initStarted = monotonicMs();
    if (this.state !== "new") return stoppedBeforeStart(this.initStarted);
    this.state = "initializing";
    this.inInit = true;
    const runtimeApi = await this.server.listen();
    // stop() or retire() may have killed us while the port was being opened.
    if (this.isDead()) {
      await this.server.close();
      return stoppedBeforeStart(this.initStarted);
    }
    const outcome = new Promise<InitOutcome>((resolve) => (this.initWaiter = resolve));
    this.initTimer = this.o.clock.setTimer(this.o.clock.now() + this.o.initTimeoutMs, () => {
      void this.finishInit({ ok: false, durationMs: monotonicMs() - this.initStarted, reason: "timeout", errorType: "Runtime.Unknown", message: `Init timed out after ${(this.o.initTimeoutMs / 1000).toFixed(2)} seconds` });
    });
    let child: ChildProcess;
    try {
      const vars = env(runtimeApi);
      if (this.o.socketPath) vars[RUNTIME_API_SOCKET_ENV] = this.o.socketPath;
      child = spawnGroup(command.command, command.args, { cwd: this.o.cwd, env: vars });
    } catch (err) {
      void this.finishInit(spawnFailure(err, this.initStarted));
      return outcome;
    }
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.once("error", () => resolve()); // spawn failed: there will be no "exit"
    });
    child.once("error", (err) => void this.finishInit(spawnFailure(err, this.initStarted)));
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      const splitter = new LineSplitter((line) => this.emit(line));
      this.splitters.push(splitter);
      stream.setEncoding("utf8");
      stream.on("data", (text: string) => {
        this.outputChunks++;
        splitter.push(text);
      });
    }
    child.once("exit", (code, signal) => void this.onExit(code, signal));
    return outcome;
  }

  /**
   * Hands one invocation to the runtime; resolves with how it ended. `onDelivered` runs when the
   * runtime takes the event (its `/next` returns it).
   */
  invoke(next: NextInvocation, timeoutMs: number, onDelivered?: () => void): Promise<InvokeOutcome> {
    if (this.state !== "idle") return Promise.resolve({ kind: "undelivered" });
    this.state = "busy";
    this.setRef(true);
    return new Promise((resolve) => {
      const timer = this.o.clock.setTimer(this.o.clock.now() + timeoutMs, () => void this.finishInvoke(next.requestId, { kind: "timeout" }));
      this.invokeWaiter = { requestId: next.requestId, resolve, timer, delivered: false, onDelivered };
      this.server.deliver(next);
    });
  }

  /** Idle environments must not keep Stratus's process alive; busy ones must. */
  setRef(ref: boolean): void {
    const child = this.child;
    if (child) {
      if (ref) child.ref();
      else child.unref();
      for (const s of [child.stdout, child.stderr] as unknown as Array<Socket | null>) {
        if (ref) s?.ref?.();
        else s?.unref?.();
      }
    }
    this.server.setRef(ref);
  }

  /** Stops the environment (SIGKILL to its process group) and waits for the process to go. */
  async kill(): Promise<void> {
    const wasDead = this.state === "dead";
    this.state = "dead";
    this.o.clock.clearTimer(this.initTimer);
    this.o.clock.clearTimer(this.idleTimer);
    // An idle environment is unref'd; without this the process could exit before "exit" arrives.
    this.setRef(true);
    if (this.child) killGroup(this.child);
    await this.exited;
    await this.server.close();
    if (!wasDead) this.o.onDead();
  }

  private async finishInit(outcome: InitOutcome): Promise<void> {
    const resolve = this.initWaiter;
    if (!resolve) return;
    this.initWaiter = undefined;
    this.o.clock.clearTimer(this.initTimer);
    if (this.state !== "dead") {
      this.peakMemoryMb = await peakMemoryMb(this.pid);
      this.memorySampledAt = monotonicMs();
    }
    if (!outcome.ok && outcome.reason !== "exit") await this.kill();
    await this.drainOutput();
    this.flushPartialLines();
    this.inInit = false;
    if (outcome.ok && this.state === "initializing") {
      this.state = "idle";
      this.initLines.length = 0;
    }
    resolve(outcome);
  }

  private async finishInvoke(requestId: string, outcome: InvokeOutcome): Promise<void> {
    const waiter = this.invokeWaiter;
    if (!waiter || waiter.requestId !== requestId) return;
    this.invokeWaiter = undefined;
    this.o.clock.clearTimer(waiter.timer);
    this.sampleMemory();
    if (outcome.kind === "timeout") {
      this.server.settle(requestId);
      await this.kill();
    }
    // Lines written just before the runtime posted its answer may still be in the pipe.
    await this.drainOutput();
    this.flushPartialLines();
    if (this.state === "busy") this.state = "idle";
    waiter.resolve(outcome);
  }

  /** Starts a background /proc read when the last one is over a second old. */
  private sampleMemory(): void {
    if (this.state === "dead" || this.memorySampling || monotonicMs() - this.memorySampledAt < MEMORY_SAMPLE_INTERVAL_MS) return;
    this.memorySampling = true;
    void peakMemoryMb(this.pid).then((mb) => {
      this.memorySampling = false;
      this.memorySampledAt = monotonicMs();
      this.peakMemoryMb = Math.max(this.peakMemoryMb, mb);
    });
  }

  private async onExit(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    const message = code === 0 && !signal ? "Runtime exited without providing a reason" : `Runtime exited with error: ${describeExit(code, signal)}`;
    const wasDead = this.state === "dead";
    this.state = "dead";
    if (this.child) killGroup(this.child); // whatever the runtime left behind in its group
    await this.drainOutput();
    this.flushPartialLines();
    if (this.initWaiter) {
      await this.finishInit({
        ok: false,
        durationMs: monotonicMs() - this.initStarted,
        reason: "exit",
        errorType: "Runtime.ExitError",
        message,
      });
    }
    // A runtime that exits after answering (an unhandled rejection, process.exit in a timer) may
    // already hold the next invocation in its server, never fetched: that one is undelivered.
    const w = this.invokeWaiter;
    if (w) await this.finishInvoke(w.requestId, w.delivered ? { kind: "exit", message } : { kind: "undelivered" });
    await this.server.close();
    if (!wasDead) this.o.onDead();
  }

  /**
   * Lets output the runtime wrote before its last API call reach us: stdout and stderr are
   * pipes, read in the event loop's poll phase, and may still hold bytes when the Runtime API
   * request arrives. Each turn lets one more poll phase run; stop when a turn brings nothing
   * (usually after one), at most three.
   */
  private async drainOutput(): Promise<void> {
    for (let turn = 0; turn < 3; turn++) {
      const before = this.outputChunks;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.outputChunks === before) return;
    }
  }

  private flushPartialLines(): void {
    for (const s of this.splitters) s.flush();
  }
}

interface InvokeWaiter {
  requestId: string;
  resolve: (o: InvokeOutcome) => void;
  timer: TimerHandle;
  delivered: boolean;
  onDelivered: (() => void) | undefined;
}

function toOutcome(r: RuntimeReport): InvokeOutcome {
  switch (r.kind) {
    case "response":
      return { kind: "response", body: r.body };
    case "error":
      return { kind: "error", body: r.body, errorType: errorTypeOf(r.body) ?? r.errorType };
    case "tooLarge":
      return { kind: "tooLarge", size: r.size };
  }
}

/** `errorType` of a runtime's error document, when it is one. */
export function errorTypeOf(body: Buffer): string | undefined {
  try {
    const doc = JSON.parse(body.toString("utf8")) as { errorType?: unknown };
    return typeof doc?.errorType === "string" && doc.errorType !== "" ? doc.errorType : undefined;
  } catch {
    return undefined;
  }
}

function stoppedBeforeStart(started: number): InitOutcome {
  return { ok: false, durationMs: monotonicMs() - started, reason: "spawn", errorType: "Runtime.Unknown", message: "The execution environment was stopped before it started" };
}

function spawnFailure(err: unknown, started: number): InitOutcome {
  const e = err as NodeJS.ErrnoException;
  return { ok: false, durationMs: monotonicMs() - started, reason: "spawn", errorType: "Runtime.InvalidEntrypoint", message: `fork/exec ${e.path ?? ""}: ${e.code === "EACCES" ? "permission denied" : (e.message ?? String(err))}` };
}

const MEMORY_SAMPLE_INTERVAL_MS = 1000;

/** Tells Stratus's bootstraps where the Runtime API's Unix socket is (they remove it from the handler's environment). */
export const RUNTIME_API_SOCKET_ENV = "STRATUS_RUNTIME_API_SOCKET";
