import { test } from "node:test";
import assert from "node:assert/strict";
import * as jsonpath from "./index.js";
import type { JsonValue } from "./index.js";

test("the public API, used as the interpreter will: a Task state's whole data flow", () => {
  const rawInput: JsonValue = { order: { id: "o-1", items: [{ sku: "a", qty: 2 }, { sku: "b", qty: 0 }] }, keep: true };
  const ctx = { context: { State: { Name: "Ship", RetryCount: 0 } }, variables: { warehouse: "W1" } };
  const effectiveInput = jsonpath.applyParameters(
    {
      "orderId.$": "$.id",
      "skus.$": "$.items[?(@.qty > 0)].sku",
      "label.$": "States.Format('{} from {} ({})', $.id, $warehouse, $$.State.Name)",
    },
    jsonpath.applyInputPath("$.order", rawInput, ctx),
    ctx,
  );
  assert.deepEqual(effectiveInput, { orderId: "o-1", skus: ["a"], label: "o-1 from W1 (Ship)" });
  const taskResult: JsonValue = { Payload: { shipped: 1 }, StatusCode: 200 };
  const selected = jsonpath.applyResultSelector({ "shipped.$": "$.Payload.shipped" }, taskResult, ctx);
  const combined = jsonpath.applyResultPath(rawInput, selected, "$.shipment");
  assert.deepEqual(jsonpath.applyOutputPath("$['keep','shipment']", combined, ctx), { keep: true, shipment: { shipped: 1 } });
});

test("errors carry the AWS error name and cause", () => {
  try {
    jsonpath.applyParameters({ "x.$": "$.nope" }, {});
    assert.fail("expected a failure");
  } catch (err) {
    assert.ok(jsonpath.isStatesError(err));
    assert.equal(err.error, jsonpath.StatesErrorNames.Runtime);
    assert.equal(err.cause, "The JSONPath '$.nope' specified for the field 'x.$' could not be found in the input '{}'");
  }
});

test("definition checks are exported", () => {
  assert.equal(jsonpath.validateTemplate({ "a.$": "$.a" }).length, 0);
  assert.equal(jsonpath.validatePath("$..a", "ResultPath", { reference: true })?.message, "The value for the field 'ResultPath' must be a valid ReferencePath");
  assert.equal(jsonpath.INTRINSIC_NAMES.length, 18);
  assert.equal(jsonpath.ARRAY_RANGE_MAX_ITEMS, 1000);
});
