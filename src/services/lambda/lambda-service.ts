/**
 * The Lambda runtime one server holds: the function registry, layers, the code store and the
 * execution engine (environments as child processes).
 */
import { join } from "node:path";
import { rmSync } from "node:fs";
import type { Clock } from "../../core/clock.js";
import type { Logger } from "../../core/logger.js";
import type { ServiceClients } from "../../core/clients.js";
import type { ServerSettings } from "../../core/settings.js";
import type { ServiceDeps, ServiceRuntime } from "../../core/service.js";
import { lambdaAdminGet } from "./admin-get.js";
import { AsyncQueue } from "./async-queue.js";
import { Concurrency } from "./concurrency.js";
import { Invoker } from "./invoker.js";
import { ScalingLimiter } from "./scaling-limiter.js";
import { DEFAULT_ACCOUNT_CONCURRENCY } from "./limits.js";
import { lambdaClient } from "./lambda-client.js";
import { FileCodeStore } from "./code/file-code-store.js";
import type { CodeStore } from "./code/types.js";
import { Functions } from "./functions.js";
import { EventSourceMappings } from "./event-sources/event-source-mappings.js";
import { Layers } from "./layers.js";
import { ProcessExecutionEngine } from "./runtime/process-execution-engine.js";
import { createWorkDir } from "./runtime/work-dir.js";
import type { ExecutionEngine } from "./runtime/types.js";
import { SqliteLambdaStore } from "./store/sqlite-lambda-store.js";
import type { LambdaStore } from "./store/lambda-store.js";

export class LambdaService implements ServiceRuntime {
  readonly store: LambdaStore;
  readonly functions: Functions;
  readonly layers: Layers;
  readonly code: CodeStore;
  readonly engine: ExecutionEngine;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly endpoint: () => string;
  readonly clients: ServiceClients;
  readonly settings: ServerSettings;
  readonly concurrency: Concurrency;
  readonly invoker: Invoker;
  readonly eventSourceMappings: EventSourceMappings;
  private readonly workDir: string;
  private readonly ownsWorkDir: boolean;

  constructor(deps: ServiceDeps) {
    this.clock = deps.clock;
    this.logger = deps.logger;
    this.endpoint = deps.endpoint;
    this.store = new SqliteLambdaStore(deps.db);
    this.functions = new Functions(this.store);
    this.layers = new Layers(this.store);
    this.code = new FileCodeStore({ rootDir: deps.dataDir ? join(deps.dataDir, "lambda", "code") : undefined });
    // Environments' working files (the /opt equivalent of layers) never need to survive a restart.
    this.ownsWorkDir = true;
    this.workDir = createWorkDir();
    this.settings = deps.settings;
    const idleSeconds = deps.settings.lambda.environmentIdleSeconds;
    this.engine = new ProcessExecutionEngine({ clock: deps.clock, logger: deps.logger, workDir: this.workDir, idleTimeoutMs: idleSeconds !== undefined ? idleSeconds * 1000 : undefined });
    this.clients = deps.clients;
    this.concurrency = new Concurrency(
      deps.settings.lambda.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY,
      (account, region) => this.functions.list(account, region),
      new ScalingLimiter(deps.clock, deps.settings.lambda.scaling),
    );
    this.invoker = new Invoker(this, this.concurrency, new AsyncQueue(this, deps.scheduler, this.concurrency));
    this.eventSourceMappings = new EventSourceMappings(this);
  }

  provideClients(clients: ServiceClients): void {
    clients.lambda = lambdaClient(this);
  }

  start(): void {
    const snap = this.store.load();
    this.functions.load(snap.functions);
    this.layers.load(snap.layers);
    // A function left Pending or InProgress by a crash finished its transition.
    for (const fn of this.functions.all()) {
      for (const v of [fn.latest, ...Object.values(fn.versions)]) {
        v.config.State = "Active";
        v.config.LastUpdateStatus = "Successful";
      }
    }
    this.eventSourceMappings.start(snap.eventSourceMappings);
  }

  async stop(): Promise<void> {
    this.eventSourceMappings.stop();
    await this.engine.stop();
    await this.code.close();
    if (this.ownsWorkDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  async reset(): Promise<void> {
    this.eventSourceMappings.reset();
    await this.engine.retire("");
    this.functions.clear();
    this.layers.clear();
    this.store.reset();
  }

  adminGet(path: string, query: URLSearchParams) {
    return lambdaAdminGet(this, path, query);
  }

  status(): Record<string, unknown> {
    return {
      functions: this.functions.all().map((f) => ({ name: f.name, region: f.region, account: f.accountId, runtime: f.latest.config.Runtime, versions: Object.keys(f.versions).length })),
      eventSourceMappings: this.eventSourceMappings.status(),
    };
  }
}
