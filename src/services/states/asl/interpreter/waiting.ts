/**
 * What an execution waits on: the running state's Task or Map Run, and those of every branch
 * and Map iteration in progress (frames nest as Parallel and Map states do).
 */
import type { MapRunWaiting, Snapshot } from "./types.js";

type Current = NonNullable<Snapshot["current"]>;
type Waiting = NonNullable<Current["waiting"]>;
export type TaskWaiting = Extract<Waiting, { kind: "task" }>;

/** Every running state's wait, frames included. */
function waits(snap: Snapshot): Array<{ stateName: string; waiting: Waiting }> {
  const out: Array<{ stateName: string; waiting: Waiting }> = [];
  const visit = (s: Snapshot) => {
    const w = s.current?.waiting;
    if (s.status !== "RUNNING" || !w) return;
    out.push({ stateName: s.current!.name, waiting: w });
    if (w.kind === "branches") for (const f of w.frames) visit(f);
  };
  visit(snap);
  return out;
}

export function waitingTasks(snap: Snapshot): Array<{ stateName: string; waiting: TaskWaiting }> {
  return waits(snap).filter((t): t is { stateName: string; waiting: TaskWaiting } => t.waiting.kind === "task");
}

/** The waiting Task whose callback token this is, if any. */
export function taskWaitingOnToken(snap: Snapshot, token: string): TaskWaiting | undefined {
  return waitingTasks(snap).find((t) => t.waiting.call.token === token)?.waiting;
}

/** The Map Runs an execution waits on (Distributed Maps, at the top or in branches and iterations). */
export function openMapRuns(snap: Snapshot): MapRunWaiting[] {
  return waits(snap).flatMap((t) => (t.waiting.kind === "mapRun" ? [t.waiting] : []));
}
