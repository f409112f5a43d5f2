/**
 * Cold start, as a user meets it: a new function (its own name and its own code, so the code
 * store unpacks a new zip each time), CreateFunction, wait until GetFunctionConfiguration says
 * Active, then the first Invoke. Each step is timed in the load generator; the first Invoke
 * asks for `LogType: Tail` so that its REPORT line gives the platform's Init Duration. The
 * function is deleted afterwards (untimed), which stops its environment.
 */
import { CreateFunctionCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { ECHO_NODE, ECHO_PYTHON, deleteFunction, functionInput, invokeOk, reportOf, waitActive, zipOf, type RuntimeKind } from "./clients.js";

export interface ColdStart {
  /** CreateFunction's answer. */
  createMs: number;
  /** CreateFunction sent → GetFunctionConfiguration answers Active. */
  activeMs: number;
  /** The first Invoke alone (INIT + the invocation). */
  firstInvokeMs: number;
  /** CreateFunction sent → first result: the figure the target is stated against. */
  totalMs: number;
  /** From the REPORT line. */
  initDurationMs?: number;
  durationMs?: number;
}

export async function coldStart(lambda: LambdaClient, runtime: RuntimeKind, name: string): Promise<ColdStart> {
  // A comment that differs per run makes each zip (and so each code-store entry) new.
  const files: Record<string, string> = runtime === "node" ? { "index.js": `// ${name}\n${ECHO_NODE}` } : { "index.py": `# ${name}\n${ECHO_PYTHON}` };
  const input = functionInput(name, runtime, await zipOf(files));
  const payload = Buffer.from(JSON.stringify({ cold: name }));
  const t0 = performance.now();
  await lambda.send(new CreateFunctionCommand(input));
  const t1 = performance.now();
  await waitActive(lambda, name, 0);
  const t2 = performance.now();
  const out = await invokeOk(lambda, name, payload, true);
  const t3 = performance.now();
  const echoed = Buffer.from(out.Payload ?? []).toString("utf8");
  if (JSON.parse(echoed).cold !== name) throw new Error(`${name}: unexpected payload ${echoed.slice(0, 200)}`);
  await deleteFunction(lambda, name);
  const report = reportOf(out.LogResult);
  return { createMs: t1 - t0, activeMs: t2 - t0, firstInvokeMs: t3 - t2, totalMs: t3 - t0, initDurationMs: report?.initDurationMs, durationMs: report?.durationMs };
}
