import { test } from "node:test";
import assert from "node:assert/strict";
import type { MapState, ParallelState } from "./model.js";
import { errors, only, parse, schemaErrors } from "./test-support.js";

function state<T>(def: Record<string, unknown>, name = "S"): T {
  return parse(def).allStates.get(name) as T;
}

// -------------------------------------------------------------------------------------- Parallel

test("Parallel: branches are sub-machines", () => {
  const s = state<ParallelState>(only({
    Type: "Parallel",
    Branches: [
      { Comment: "first", StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", End: true } } },
      { StartAt: "C", States: { C: { Type: "Wait", Seconds: 1, End: true } } },
    ],
    ResultSelector: { "first.$": "$[0]" },
    ResultPath: "$.both",
    Retry: [{ ErrorEquals: ["States.ALL"] }],
    End: true,
  }));
  assert.equal(s.branches.length, 2);
  assert.equal(s.branches[0].comment, "first");
  assert.equal(s.branches[0].startAt, "A");
  assert.deepEqual([...s.branches[0].states.keys()], ["A", "B"]);
  assert.equal(s.branches[1].states.get("C")?.type, "Wait");
  assert.equal(s.resultPath, "$.both");
  assert.equal(s.retry.length, 1);
});

test("Parallel: Branches required, non-empty, of sub-machines", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Parallel", End: true })), [["The field 'Branches' is required", "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Parallel", Branches: [], End: true })), [["Value cannot be empty", "/States/S/Branches"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Parallel", Branches: {}, End: true })), [["Expected value of type Array", "/States/S/Branches"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Parallel", Branches: [1], End: true })), [["Expected value of type Object", "/States/S/Branches[0]"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Parallel", Branches: [{}], End: true })), [["These fields are required: [States, StartAt]", "/States/S/Branches[0]"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } }, QueryLanguage: "JSONata", Version: "1.0" }], End: true })), [
    ["Field 'QueryLanguage' is not supported", "/States/S/Branches[0]"],
    ["Field 'Version' is not supported", "/States/S/Branches[0]"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass" } } }], End: true })), [
    ["This object should have only one of the following fields: [Next, End]", "/States/S/Branches[0]/States/A"],
  ]);
});

test("Parallel: transitions cannot cross branches", () => {
  const def = {
    StartAt: "P",
    States: {
      P: {
        Type: "Parallel",
        Branches: [
          { StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } },
          { StartAt: "B", States: { B: { Type: "Pass", Next: "After" } } },
        ],
        Next: "After",
      },
      After: { Type: "Pass", Next: "A" },
      End: { Type: "Succeed" },
    },
  };
  assert.deepEqual(errors(def), [
    ["MISSING_TRANSITION_TARGET", "Missing 'Next' target: B", "/States/P/Branches[0]/States/A/Next"],
    ["MISSING_TRANSITION_TARGET", "Missing 'Next' target: After", "/States/P/Branches[1]/States/B/Next"],
    ["MISSING_TRANSITION_TARGET", "Missing 'Next' target: A", "/States/After/Next"],
    ["MISSING_TRANSITION_TARGET", 'State "End" is not reachable.', "/States/End"],
  ]);
});

test("Parallel: unreachable states inside a branch, dangling StartAt of a branch", () => {
  const def = only({
    Type: "Parallel",
    Branches: [{ StartAt: "Nope", States: { W: { Type: "Pass", End: true } } }],
    End: true,
  });
  assert.deepEqual(errors(def), [
    ["MISSING_TRANSITION_TARGET", "Missing 'Next' target: Nope", "/States/S/Branches[0]/StartAt"],
    ["MISSING_TRANSITION_TARGET", 'State "W" is not reachable.', "/States/S/Branches[0]/States/W"],
  ]);
});

// ------------------------------------------------------------------------------------------- Map

test("Map: ItemProcessor (inline by default) and every field", () => {
  const s = state<MapState>(only({
    Type: "Map",
    ItemsPath: "$.items",
    ItemSelector: { "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" },
    MaxConcurrency: 2,
    ToleratedFailurePercentage: 12.5,
    ToleratedFailureCount: 3,
    ItemProcessor: { StartAt: "Work", States: { Work: { Type: "Pass", End: true } } },
    ResultSelector: { "all.$": "$" },
    ResultPath: "$.results",
    Catch: [{ ErrorEquals: ["States.ALL"], Next: "S" }],
    End: true,
  }));
  assert.equal(s.mode, "INLINE");
  assert.equal(s.legacyIterator, false);
  assert.equal(s.itemsPath, "$.items");
  assert.deepEqual(s.itemSelector, { "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" });
  assert.deepEqual(s.maxConcurrency, { kind: "value", value: 2 });
  assert.deepEqual(s.toleratedFailurePercentage, { kind: "value", value: 12.5 });
  assert.deepEqual(s.toleratedFailureCount, { kind: "value", value: 3 });
  assert.equal(s.processor.startAt, "Work");
  assert.equal(s.catch.length, 1);
});

test("Map: the legacy Iterator and Parameters", () => {
  const s = state<MapState>(only({
    Type: "Map",
    Parameters: { "v.$": "$$.Map.Item.Value" },
    Iterator: { StartAt: "Work", States: { Work: { Type: "Pass", End: true } } },
    End: true,
  }));
  assert.equal(s.legacyIterator, true);
  assert.deepEqual(s.itemSelector, { "v.$": "$$.Map.Item.Value" });
  assert.deepEqual(s.maxConcurrency, { kind: "value", value: 0 });
  const iter = { StartAt: "W", States: { W: { Type: "Pass", End: true } }, ProcessorConfig: { Mode: "INLINE" } };
  assert.deepEqual(schemaErrors(only({ Type: "Map", Iterator: iter, End: true })), [["Field 'ProcessorConfig' is not supported", "/States/S/Iterator"]]);
});

test("Map: DISTRIBUTED mode needs an ExecutionType", () => {
  const processor = (config: unknown) => ({ ProcessorConfig: config, StartAt: "W", States: { W: { Type: "Pass", End: true } } });
  const s = state<MapState>(only({ Type: "Map", ItemProcessor: processor({ Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" }), Label: "batch", End: true }));
  assert.deepEqual([s.mode, s.executionType, s.label], ["DISTRIBUTED", "EXPRESS", "batch"]);
  assert.deepEqual(schemaErrors(only({ Type: "Map", ItemProcessor: processor({ Mode: "DISTRIBUTED" }), End: true })), [
    ["The field 'ExecutionType' is required", "/States/S/ItemProcessor/ProcessorConfig"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Map", ItemProcessor: processor({ Mode: "PARALLEL" }), End: true })), [
    ["Value should be one of the following: [INLINE, DISTRIBUTED]", "/States/S/ItemProcessor/ProcessorConfig/Mode"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Map", ItemProcessor: processor({ Mode: "DISTRIBUTED", ExecutionType: "FAST" }), End: true })), [
    ["Value should be one of the following: [STANDARD, EXPRESS]", "/States/S/ItemProcessor/ProcessorConfig/ExecutionType"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Map", ItemProcessor: processor({ Mode: "INLINE", Other: 1 }), End: true })), [
    ["Field 'Other' is not supported", "/States/S/ItemProcessor/ProcessorConfig"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Map", ItemProcessor: processor("INLINE"), End: true })), [
    ["Expected value of type Object", "/States/S/ItemProcessor/ProcessorConfig"],
  ]);
});

test("Map: processor fields and count", () => {
  const processor = { StartAt: "W", States: { W: { Type: "Pass", End: true } } };
  assert.deepEqual(schemaErrors(only({ Type: "Map", End: true })), [["This object should have only one of the following fields: [Iterator, ItemProcessor]", "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Map", Iterator: processor, ItemProcessor: processor, End: true })), [
    ["There should only be one of the following fields: [Iterator, ItemProcessor]", "/States/S"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Map", ItemProcessor: { ...processor, QueryLanguage: "JSONata" }, End: true })), [
    ["Field 'QueryLanguage' is not supported", "/States/S/ItemProcessor"],
  ]);
});

test("Map: numbers, paths and selectors", () => {
  const map = (fields: Record<string, unknown>) => only({ Type: "Map", ItemProcessor: { StartAt: "W", States: { W: { Type: "Pass", End: true } } }, End: true, ...fields });
  assert.deepEqual(schemaErrors(map({ MaxConcurrency: -1 })), [["Minimum value is 0", "/States/S/MaxConcurrency"]]);
  assert.deepEqual(schemaErrors(map({ MaxConcurrency: 2, MaxConcurrencyPath: "$.m" })), [
    ["There should only be one of the following fields: [MaxConcurrency, MaxConcurrencyPath]", "/States/S/MaxConcurrency"],
  ]);
  assert.deepEqual(schemaErrors(map({ MaxConcurrencyPath: "$.limits[*]" })).map(([, l]) => l), ["/States/S/MaxConcurrencyPath"]);
  assert.deepEqual(schemaErrors(map({ ToleratedFailurePercentage: 101 })), [["Maximum value is 100", "/States/S/ToleratedFailurePercentage"]]);
  assert.deepEqual(schemaErrors(map({ ToleratedFailureCount: 1.5 })), [["Expected value of type Integer", "/States/S/ToleratedFailureCount"]]);
  assert.deepEqual(schemaErrors(map({ ItemsPath: "$.a[*]" })), [["The value for the field 'ItemsPath' must be a valid ReferencePath", "/States/S"]]);
  assert.deepEqual(schemaErrors(map({ ItemsPath: null })), [["Expected value of type String", "/States/S/ItemsPath"]]);
  assert.deepEqual(schemaErrors(map({ ItemSelector: { a: 1 }, Parameters: { b: 2 } })), [["There should only be one of the following fields: [ItemSelector, Parameters]", "/States/S"]]);
  assert.deepEqual(schemaErrors(map({ ItemSelector: [] })), [["Expected value of type Object", "/States/S/ItemSelector"]]);
  assert.deepEqual(schemaErrors(map({ Label: 3 })), [["Expected value of type String", "/States/S/Label"]]);
  assert.deepEqual(schemaErrors(map({ Label: "x".repeat(41) })), [["Maximum value is 40", "/States/S/Label"]]);
  assert.deepEqual(schemaErrors(map({ TimeoutSeconds: 5 })), [["Field 'TimeoutSeconds' is not supported", "/States/S"]]);
  const paths = state<MapState>(map({ MaxConcurrencyPath: "$.m", ToleratedFailureCountPath: "$.c", ItemsPath: "$$.Execution.Input.list" }));
  assert.deepEqual(paths.maxConcurrency, { kind: "path", path: "$.m" });
  assert.deepEqual(paths.toleratedFailureCount, { kind: "path", path: "$.c" });
  assert.equal(paths.itemsPath, "$$.Execution.Input.list");
});

test("Map: ItemReader and ResultWriter need S3, which Stratus does not have", () => {
  const map = only({
    Type: "Map",
    ItemReader: { Resource: "arn:aws:states:::s3:getObject", ReaderConfig: { InputType: "JSON" }, Parameters: { Bucket: "b", Key: "k" } },
    ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "b", Prefix: "p" } },
    ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "W", States: { W: { Type: "Pass", End: true } } },
    End: true,
  });
  assert.deepEqual(schemaErrors(map), [
    ["Field 'ItemReader' is not supported by Stratus: it reads or writes Amazon S3, which Stratus does not emulate", "/States/S/ItemReader"],
    ["Field 'ResultWriter' is not supported by Stratus: it reads or writes Amazon S3, which Stratus does not emulate", "/States/S/ResultWriter"],
  ]);
});

test("Map: ItemBatcher", () => {
  const map = (batcher: unknown) => only({ Type: "Map", ItemBatcher: batcher, ItemProcessor: { StartAt: "W", States: { W: { Type: "Pass", End: true } } }, End: true });
  const s = state<MapState>(map({ MaxItemsPerBatch: 10, BatchInput: { "k.$": "$.k" } }));
  assert.deepEqual(s.itemBatcher, { maxItemsPerBatch: { kind: "value", value: 10 }, batchInput: { "k.$": "$.k" } });
  assert.deepEqual(state<MapState>(map({ MaxInputBytesPerBatchPath: "$.bytes" })).itemBatcher, { maxInputBytesPerBatch: { kind: "path", path: "$.bytes" } });
  assert.deepEqual(schemaErrors(map({})), [
    ["This object should have only one of the following fields: [MaxItemsPerBatch, MaxItemsPerBatchPath, MaxInputBytesPerBatch, MaxInputBytesPerBatchPath]", "/States/S/ItemBatcher"],
  ]);
  assert.deepEqual(schemaErrors(map({ MaxItemsPerBatch: 0 })), [["Minimum value is 1", "/States/S/ItemBatcher/MaxItemsPerBatch"]]);
  assert.deepEqual(schemaErrors(map({ MaxInputBytesPerBatch: 262_145 })), [["Maximum value is 262144", "/States/S/ItemBatcher/MaxInputBytesPerBatch"]]);
  assert.deepEqual(schemaErrors(map({ MaxItemsPerBatch: 1, Extra: 1 })), [["Field 'Extra' is not supported", "/States/S/ItemBatcher"]]);
  assert.deepEqual(schemaErrors(map([])), [["Expected value of type Object", "/States/S/ItemBatcher"]]);
});

test("Map: unreachable and dangling inside the processor", () => {
  const def = only({
    Type: "Map",
    ItemProcessor: { StartAt: "Nope", States: { A: { Type: "Pass", End: true } } },
    End: true,
  });
  assert.deepEqual(errors(def), [
    ["MISSING_TRANSITION_TARGET", "Missing 'Next' target: Nope", "/States/S/ItemProcessor/StartAt"],
    ["MISSING_TRANSITION_TARGET", 'State "A" is not reachable.', "/States/S/ItemProcessor/States/A"],
  ]);
});

test("nested scopes: a Map in a Parallel in a Map, transitions checked at each level", () => {
  const inner = { StartAt: "Leaf", States: { Leaf: { Type: "Pass", Next: "Outer" } } };
  const def = {
    StartAt: "Outer",
    States: {
      Outer: {
        Type: "Map",
        ItemProcessor: {
          StartAt: "Par",
          States: { Par: { Type: "Parallel", Branches: [{ StartAt: "InnerMap", States: { InnerMap: { Type: "Map", ItemProcessor: inner, End: true } } }], End: true } },
        },
        End: true,
      },
    },
  };
  assert.deepEqual(errors(def), [
    ["MISSING_TRANSITION_TARGET", "Missing 'Next' target: Outer", "/States/Outer/ItemProcessor/States/Par/Branches[0]/States/InnerMap/ItemProcessor/States/Leaf/Next"],
  ]);
  inner.States.Leaf = { Type: "Pass", End: true } as never;
  const parsed = parse(def);
  const outer = parsed.states.get("Outer") as MapState;
  const par = outer.processor.states.get("Par") as ParallelState;
  const innerMap = par.branches[0].states.get("InnerMap") as MapState;
  assert.equal(innerMap.processor.states.get("Leaf")?.location, "/States/Outer/ItemProcessor/States/Par/Branches[0]/States/InnerMap/ItemProcessor/States/Leaf");
});

