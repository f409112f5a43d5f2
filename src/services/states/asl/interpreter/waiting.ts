/**
 * The Tasks an execution waits on: the running state's, and those of every branch and Map
 * iteration in progress (frames nest as Parallel and Map states do).
 */
import type { Snapshot } from "./types.js";

type Current = NonNullable<Snapshot["current"]>;
export type TaskWaiting = Extract<NonNullable<Current["waiting"]>, { kind: "task" }>;

export function waitingTasks(snap: Snapshot): Array<{ stateName: string; waiting: TaskWaiting }> {
  const out: Array<{ stateName: string; waiting: TaskWaiting }> = [];
  const visit = (s: Snapshot) => {
    const w = s.current?.waiting;
    if (s.status !== "RUNNING" || !w) return;
    if (w.kind === "task") out.push({ stateName: s.current!.name, waiting: w });
    else if (w.kind === "branches") for (const f of w.frames) visit(f);
  };
  visit(snap);
  return out;
}

/** The waiting Task whose callback token this is, if any. */
export function taskWaitingOnToken(snap: Snapshot, token: string): TaskWaiting | undefined {
  return waitingTasks(snap).find((t) => t.waiting.call.token === token)?.waiting;
}
