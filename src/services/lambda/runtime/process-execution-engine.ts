/**
 * The execution layer behind Lambda's control plane (DESIGN §6): functions run as child
 * processes speaking the real Lambda Runtime API, one invocation at a time per environment,
 * warm environments reused per pool key and stopped when idle.
 * See ./README.md for the layout of this folder and what differs from AWS.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "../../../core/clock.js";
import type { Logger } from "../../../core/logger.js";
import { Environment } from "./environment.js";
import { EnvironmentPool } from "./environment-pool.js";
import { runInvocation } from "./invocation.js";
import { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_INIT_TIMEOUT_MS } from "./limits.js";
import { LogRing } from "./log-buffer.js";
import { OptDirs } from "./opt-dir.js";
import type { FunctionCredentials } from "./runtime-env.js";
import { findPython, runtimeInfo } from "./runtimes.js";
import type { ExecutionEngine, FunctionRuntimeSpec, InvokeRequest, InvokeResult } from "./types.js";

export interface ProcessExecutionEngineOptions {
  clock: Clock;
  logger: Logger;
  /** A directory Stratus owns (data dir or temp dir); merged layer directories go under `<workDir>/opt`. */
  workDir: string;
  /** Idle time after which a warm environment is stopped (default 5 minutes). */
  idleTimeoutMs?: number;
  /** Limit of the INIT phase (default 10 s, as on AWS). */
  initTimeoutMs?: number;
  /** Python interpreter for `python3.*` runtimes (default `python3` on PATH). */
  pythonCommand?: string;
  /** Credentials given to functions when the server verifies signatures (see runtime-env.ts). */
  functionCredentials?: FunctionCredentials;
}

export class ProcessExecutionEngine implements ExecutionEngine {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly idleTimeoutMs: number;
  private readonly initTimeoutMs: number;
  private readonly pythonCommand: string;
  private readonly functionCredentials: FunctionCredentials | undefined;
  private readonly optDirs: OptDirs;
  /** Runtime API Unix sockets, one per environment. */
  private readonly socketDir: string;
  private environments = 0;
  private readonly pools = new Map<string, EnvironmentPool>();
  /** Pools retired while some of their environments were still busy. */
  private readonly draining = new Set<EnvironmentPool>();
  private readonly rings = new Map<string, LogRing>();
  private python: Promise<string> | undefined;
  private stopped = false;

  constructor(options: ProcessExecutionEngineOptions) {
    this.clock = options.clock;
    this.logger = options.logger;
    this.idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.initTimeoutMs = options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS;
    this.pythonCommand = options.pythonCommand ?? "python3";
    this.functionCredentials = options.functionCredentials;
    this.optDirs = new OptDirs(join(options.workDir, "opt"));
    this.socketDir = join(options.workDir, "rapi");
    mkdirSync(this.socketDir, { recursive: true });
  }

  async invoke(spec: FunctionRuntimeSpec, request: InvokeRequest): Promise<InvokeResult> {
    if (this.stopped) throw new Error("the Lambda execution engine is stopped");
    const info = runtimeInfo(spec.runtime);
    if (!info) {
      const payload = Buffer.from(JSON.stringify({ errorType: "Runtime.InvalidRuntime", errorMessage: `RequestId: ${request.requestId} Error: Runtime ${spec.runtime} is not supported by Stratus` }));
      return { payload, functionError: "Unhandled", errorType: "Runtime.InvalidRuntime", durationMs: 0, billedDurationMs: 0, maxMemoryUsedMb: 0 };
    }
    const pool = this.poolFor(spec);
    return runInvocation(pool, spec, info, request, {
      clock: this.clock,
      optDirs: this.optDirs,
      credentials: this.functionCredentials,
      python: () => (this.python ??= findPython(this.pythonCommand).catch((err) => {
        this.python = undefined; // try again next time (python may be installed meanwhile)
        throw err;
      })),
    });
  }

  hasIdle(poolKey: string): boolean {
    const pool = this.pools.get(poolKey);
    return pool !== undefined && pool.size > pool.busyCount();
  }

  busy(functionArn: string): number {
    const arn = unqualified(functionArn);
    let n = 0;
    for (const pool of [...this.pools.values(), ...this.draining]) if (pool.spec.functionArn === arn) n += pool.busyCount();
    return n;
  }

  async retire(poolKeyPrefix: string): Promise<void> {
    const retiring: EnvironmentPool[] = [];
    for (const [key, pool] of this.pools) {
      if (!key.startsWith(poolKeyPrefix)) continue;
      this.pools.delete(key);
      retiring.push(pool);
      if (pool.busyCount() > 0) this.draining.add(pool);
    }
    await Promise.all(retiring.map((p) => p.retire()));
  }

  logs(functionArn: string, sinceIndex?: number): { lines: string[]; next: number } {
    return this.rings.get(unqualified(functionArn))?.read(sinceIndex) ?? { lines: [], next: 0 };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const pools = [...this.pools.values(), ...this.draining];
    this.pools.clear();
    this.draining.clear();
    await Promise.all(pools.map((p) => p.stop()));
    await this.optDirs.dispose();
  }

  private poolFor(spec: FunctionRuntimeSpec): EnvironmentPool {
    let pool = this.pools.get(spec.poolKey);
    if (pool) return pool;
    const ring = this.ringFor(spec.functionArn);
    const label = `lambda ${spec.functionName}:${spec.version}`;
    pool = new EnvironmentPool(spec, this.clock, this.idleTimeoutMs, (owner) => {
      const env: Environment = new Environment({
        clock: this.clock,
        initTimeoutMs: this.initTimeoutMs,
        cwd: spec.codeDir,
        socketPath: join(this.socketDir, `${++this.environments}.sock`),
        onLine: (line) => {
          ring.append(line);
          if (this.logger.enabled("debug")) this.logger.debug(`${label} ${line}`);
        },
        onDead: () => {
          owner.forget(env);
          if (owner.size === 0) this.draining.delete(owner);
        },
      });
      return env;
    });
    this.pools.set(spec.poolKey, pool);
    return pool;
  }

  private ringFor(functionArn: string): LogRing {
    const arn = unqualified(functionArn);
    let ring = this.rings.get(arn);
    if (!ring) this.rings.set(arn, (ring = new LogRing()));
    return ring;
  }
}

/** `arn:aws:lambda:r:a:function:name[:qualifier]` without the qualifier. */
function unqualified(functionArn: string): string {
  const parts = functionArn.split(":");
  return parts.length > 7 ? parts.slice(0, 7).join(":") : functionArn;
}
