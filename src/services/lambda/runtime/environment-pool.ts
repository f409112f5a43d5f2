/**
 * The environments of one pool key (one function version's code and configuration). A warm
 * idle environment is reused before a new one is started; each runs one invocation at a time,
 * so concurrent invocations start more environments, as Lambda scales out.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
 *
 * Idle environments are stopped after `idleTimeoutMs` on the clock. A retired pool (function
 * updated or deleted) stops its idle environments at once and each busy one as soon as its
 * current invocation ends: in-flight invocations finish, as on AWS.
 */
import type { Clock } from "../../../core/clock.js";
import type { Environment } from "./environment.js";
import type { FunctionRuntimeSpec } from "./types.js";

export class EnvironmentPool {
  private readonly all = new Set<Environment>();
  private readonly idle: Environment[] = [];
  private readonly inUse = new Set<Environment>();
  private retired = false;
  /** Set by stop(): nothing new starts here. */
  stopped = false;

  constructor(
    readonly spec: FunctionRuntimeSpec,
    private readonly clock: Clock,
    private readonly idleTimeoutMs: number,
    private readonly create: (pool: EnvironmentPool) => Environment,
  ) {}

  /** A warm environment, or a new (not yet started) one. */
  acquire(): { env: Environment; cold: boolean } {
    for (let env = this.idle.pop(); env; env = this.idle.pop()) {
      this.clock.clearTimer(env.idleTimer);
      env.idleTimer = undefined;
      if (env.state !== "idle") continue; // died while idle; onDead removes it
      this.inUse.add(env);
      return { env, cold: false };
    }
    const env = this.create(this);
    this.all.add(env);
    this.inUse.add(env);
    return { env, cold: true };
  }

  /** Gives an environment back after an invocation: kept warm, or stopped if it cannot be reused. */
  release(env: Environment): void {
    this.inUse.delete(env);
    if (env.state !== "idle" || this.retired) {
      void env.kill();
      return;
    }
    env.setRef(false);
    this.idle.push(env);
    env.idleTimer = this.clock.setTimer(this.clock.now() + this.idleTimeoutMs, () => {
      env.idleTimer = undefined;
      const i = this.idle.indexOf(env);
      if (i === -1) return;
      this.idle.splice(i, 1);
      void env.kill();
    });
  }

  /** Called by an environment that stopped (crash, kill): forget it. */
  forget(env: Environment): void {
    this.all.delete(env);
    const i = this.idle.indexOf(env);
    if (i !== -1) this.idle.splice(i, 1);
    this.clock.clearTimer(env.idleTimer);
  }

  /** Environments running an invocation (or starting for one). */
  busyCount(): number {
    return this.inUse.size;
  }

  get size(): number {
    return this.all.size;
  }

  /** Stops idle environments now; busy ones stop when their invocation ends. */
  async retire(): Promise<void> {
    this.retired = true;
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((env) => env.kill()));
  }

  /** Stops every environment, busy or not. */
  async stop(): Promise<void> {
    this.retired = true;
    this.stopped = true;
    this.idle.length = 0;
    await Promise.all([...this.all].map((env) => env.kill()));
  }
}
