import { test } from "node:test";
import assert from "node:assert/strict";
import { invalidDefinitionMessage, renderValue, schemaError, stateFailureCause } from "./errors.js";
import { invalidChoicePathCause } from "./choice-eval.js";

test("the full cause AWS records for a failure inside a state", () => {
  assert.equal(
    stateFailureCause("Check", 2, invalidChoicePathCause("$.missing")),
    "An error occurred while executing the state 'Check' (entered at the event id #2). Invalid path '$.missing': The choice state's condition path references an invalid value.",
  );
});

test("values in causes: strings raw, the rest as compact JSON", () => {
  assert.equal(renderValue("2023-12-11T22:05:59"), "2023-12-11T22:05:59");
  assert.equal(renderValue({ raw: "3" }), '{"raw":"3"}');
  assert.equal(renderValue([1, "a"]), '[1,"a"]');
  assert.equal(renderValue(null), "null");
  assert.equal(renderValue(-1.5), "-1.5");
});

test("CreateStateMachine's InvalidDefinition message", () => {
  assert.equal(
    invalidDefinitionMessage([schemaError("States.ALL must appear alone and at end of list", "/States/lambdaInvoke/Retry[0]/ErrorEquals[0]")]),
    "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: States.ALL must appear alone and at end of list at /States/lambdaInvoke/Retry[0]/ErrorEquals[0]'",
  );
});
