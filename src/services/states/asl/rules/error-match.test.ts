import { test } from "node:test";
import assert from "node:assert/strict";
import { errorEqualsMatches } from "./error-match.js";

const ERRORS = [
  "States.Timeout", "States.HeartbeatTimeout", "States.TaskFailed", "States.Permissions", "States.BranchFailed",
  "States.ResultPathMatchFailure", "States.ParameterPathFailure", "States.IntrinsicFailure", "States.QueryEvaluationError",
  "States.ExceedToleratedFailureThreshold", "States.NoChoiceMatched", "States.DataLimitExceeded", "States.Runtime",
  "Lambda.Unknown", "Lambda.ServiceException", "java.lang.Exception", "HandledError", "S3.NoSuchBucketException", "states.all", "",
];

/** For each ErrorEquals list, the errors it matches; every other error in ERRORS must not match. */
const TABLE: [string[], string[]][] = [
  [["HandledError"], ["HandledError"]],
  [["handlederror"], []],
  [["ErrorA", "java.lang.Exception"], ["java.lang.Exception"]],
  [["States.ALL"], ERRORS.filter((e) => e !== "States.DataLimitExceeded" && e !== "States.Runtime")],
  [["States.TaskFailed"], ERRORS.filter((e) => !["States.Timeout", "States.HeartbeatTimeout", "States.DataLimitExceeded", "States.Runtime"].includes(e))],
  [["States.Timeout"], ["States.Timeout", "States.HeartbeatTimeout"]],
  [["States.HeartbeatTimeout"], ["States.HeartbeatTimeout"]],
  [["States.Permissions"], ["States.Permissions"]],
  [["States.DataLimitExceeded"], ["States.DataLimitExceeded"]],
  [["States.Runtime"], []],
  [["States.TaskFailed", "States.Timeout"], ERRORS.filter((e) => e !== "States.DataLimitExceeded" && e !== "States.Runtime")],
  [[], []],
];

test("ErrorEquals matching: exact names, States.ALL, States.TaskFailed, timeouts, terminal errors", () => {
  for (const [errorEquals, matched] of TABLE) {
    for (const error of ERRORS) {
      assert.equal(errorEqualsMatches(errorEquals, error), matched.includes(error), `${JSON.stringify(errorEquals)} vs ${JSON.stringify(error)}`);
    }
  }
});
