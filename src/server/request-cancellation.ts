/**
 * The AbortSignal an operation may watch while it waits (SQS and activity long polls): aborted
 * when the client goes away before its answer is written, or when the server shuts down.
 * Most operations never look at it, so the controller and its two listeners are made on first
 * use rather than for every request.
 */
import type { ServerResponse } from "node:http";

export class RequestCancellation {
  #controller: AbortController | undefined;
  #unwire: (() => void) | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly shutdown: AbortSignal,
  ) {}

  get signal(): AbortSignal {
    if (this.#controller) return this.#controller.signal;
    const controller = (this.#controller = new AbortController());
    const { res, shutdown } = this;
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    const onShutdown = () => controller.abort();
    res.on("close", onClose);
    shutdown.addEventListener("abort", onShutdown);
    if (shutdown.aborted || res.destroyed) controller.abort();
    this.#unwire = () => {
      res.off("close", onClose);
      shutdown.removeEventListener("abort", onShutdown);
    };
    return controller.signal;
  }

  /** Once the operation has answered: nothing is watched any more. */
  dispose(): void {
    this.#unwire?.();
    this.#unwire = undefined;
  }
}
