/** The SQS runtime one server holds: the engine, its store and the move-task runner. */
import type { ServiceClients } from "../../core/clients.js";
import type { ServiceDeps, ServiceRuntime } from "../../core/service.js";
import { sqsClient } from "./sqs-client.js";
import { MessageMover } from "./engine/message-mover.js";
import { SqsEngine } from "./engine/sqs-engine.js";
import { SqliteSqsStore } from "./store/sqlite-sqs-store.js";

export class SqsService implements ServiceRuntime {
  readonly engine: SqsEngine;
  readonly mover: MessageMover;

  constructor(deps: ServiceDeps) {
    this.engine = new SqsEngine(new SqliteSqsStore(deps.db), deps.clock, deps.logger);
    this.mover = new MessageMover(this.engine, deps.scheduler, deps.clock);
  }

  start(): void {
    this.engine.start();
  }

  stop(): void {
    this.engine.stop();
  }

  reset(): void {
    this.engine.reset();
  }

  provideClients(clients: ServiceClients): void {
    clients.sqs = sqsClient(this.engine);
  }

  status(): Record<string, unknown> {
    return this.engine.status();
  }
}
