import assert from "node:assert/strict";
import { test } from "node:test";
import type { ExecutionRecord } from "../executions/types.js";
import { notRedrivable } from "./redrive-execution.js";

const DAY = 24 * 3600 * 1000;
const failed = (over: Partial<ExecutionRecord["snapshot"]> = {}, stopDate = 0): ExecutionRecord =>
  ({ stopDate, snapshot: { status: "FAILED", lastEventId: 10, executionInput: {}, variables: {}, unsuccessful: { name: "T", input: {} }, ...over } }) as ExecutionRecord;

test("what keeps an execution from being redriven, as DescribeExecution's redriveStatusReason says it", () => {
  assert.equal(notRedrivable(failed(), 13 * DAY), undefined);
  assert.equal(notRedrivable(failed({ status: "RUNNING" }), 0), "Execution is RUNNING and cannot be redriven");
  assert.equal(notRedrivable(failed({ status: "SUCCEEDED" }), 0), "Execution is SUCCEEDED and cannot be redriven");
  assert.equal(notRedrivable(failed(), 15 * DAY), "Execution redrivable period exceeded");
  assert.equal(notRedrivable(failed({ lastEventId: 24_998 }), 0), "Execution history event limit exceeded");
  assert.equal(notRedrivable(failed({ unsuccessful: undefined }), 0), "Execution failed in a Fail state or before any state ran");
});
