/**
 * Mocked service integrations, in Step Functions Local's MockConfigFile format: an execution
 * started with `<state machine ARN>#<test case>` answers the Task states its test case names
 * with the mocked responses (by attempt: "0", "1-2", …), each a Return (the task's result) or
 * a Throw ({Error, Cause}), and calls nothing.
 * https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html
 */
import type { JsonValue } from "../asl/jsonpath/json.js";
import type { StepInput } from "../asl/interpreter/types.js";

interface MockConfig {
  StateMachines?: Record<string, { TestCases?: Record<string, Record<string, string>> }>;
  MockedResponses?: Record<string, Record<string, { Return?: JsonValue; Throw?: { Error?: string; Cause?: string } }>>;
}

/** Checks the document's shape; throws with a clear sentence when it is not a mock config. */
export function checkMockConfig(doc: unknown): MockConfig {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new Error("the Step Functions mock config must be a JSON object with StateMachines and MockedResponses");
  const c = doc as MockConfig;
  for (const [machine, m] of Object.entries(c.StateMachines ?? {})) {
    for (const [testCase, states] of Object.entries(m.TestCases ?? {})) {
      for (const [state, response] of Object.entries(states)) {
        if (!c.MockedResponses?.[response]) throw new Error(`the mock config's test case ${machine}#${testCase} names the mocked response '${response}' for state '${state}', which MockedResponses does not define`);
      }
    }
  }
  return c;
}

/** The mocked outcome of a Task in a test case, or undefined when the state is not mocked. */
export function mockedOutcome(config: MockConfig | undefined, machineName: string, testCase: string, stateName: string, attempt: number): StepInput | undefined {
  const responseName = config?.StateMachines?.[machineName]?.TestCases?.[testCase]?.[stateName];
  if (responseName === undefined) return undefined;
  const byAttempt = config!.MockedResponses![responseName];
  for (const [key, response] of Object.entries(byAttempt)) {
    const [from, to] = key.split("-").map(Number);
    if (attempt >= from && attempt <= (to ?? from)) {
      if (response.Throw) return { kind: "taskFailed", error: response.Throw.Error ?? "", cause: response.Throw.Cause };
      return { kind: "taskSucceeded", output: response.Return ?? null };
    }
  }
  // Past the last attempt listed: the last response again.
  const keys = Object.keys(byAttempt);
  const last = byAttempt[keys[keys.length - 1]];
  return last.Throw ? { kind: "taskFailed", error: last.Throw.Error ?? "", cause: last.Throw.Cause } : { kind: "taskSucceeded", output: last.Return ?? null };
}
