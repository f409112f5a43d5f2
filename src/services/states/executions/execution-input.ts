/** StartExecution's and StartSyncExecution's name and input checks (256 KiB of JSON), and the new execution. */
import { newUuid } from "../../../core/ids.js";
import { newSnapshot } from "../asl/interpreter/step.js";
import type { JsonValue } from "../asl/jsonpath/json.js";
import { StatesErrors } from "../errors.js";
import { checkName } from "../names.js";
import type { ResolvedTarget } from "../versions.js";
import type { ExecutionRecord } from "./types.js";

const MAX_INPUT_BYTES = 262_144;

export function executionName(name: string | undefined): string {
  if (name === undefined) return newUuid();
  checkName(name);
  return name;
}

/** The input as JSON text ("{}" when none is given) and its parsed value. */
export function executionInput(input: string | undefined): { text: string; value: unknown } {
  const text = input ?? "{}";
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) throw StatesErrors.invalidExecutionInput(`Input exceeds the maximum size of ${MAX_INPUT_BYTES} bytes`);
  try {
    return { text, value: JSON.parse(text) };
  } catch (err) {
    throw StatesErrors.invalidExecutionInput((err as Error).message);
  }
}

/** A new execution of what `target` resolved to (a machine's latest definition, a version, an alias's pick), not yet started. */
export function newExecution(target: ResolvedTarget, arn: string, name: string, input: { text: string; value: unknown }, where: { accountId: string; region: string }, now: number): ExecutionRecord {
  const machine = target.machine;
  return {
    arn,
    stateMachineArn: machine.arn,
    stateMachineName: machine.name,
    accountId: where.accountId,
    region: where.region,
    name,
    definition: target.definition,
    roleArn: target.roleArn,
    ...(target.versionArn ? { versionArn: target.versionArn } : {}),
    ...(target.aliasArn ? { aliasArn: target.aliasArn } : {}),
    startDate: now,
    input: input.text,
    snapshot: newSnapshot(input.value as JsonValue),
  };
}

/** `arn…#TestCase` → the ARN and the mock config's test case. */
export function splitTestCase(arn: string): [string, string | undefined] {
  const hash = arn.indexOf("#");
  return hash < 0 ? [arn, undefined] : [arn.slice(0, hash), arn.slice(hash + 1)];
}

export function withTestCase(e: ExecutionRecord, testCase: string | undefined): ExecutionRecord {
  if (testCase !== undefined) e.testCase = testCase;
  return e;
}
