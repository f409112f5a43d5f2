import { test } from "node:test";
import assert from "node:assert/strict";
import { invalidDefinitionMessage } from "./diagnostics.js";
import { validateDefinition } from "./validate.js";
import { errors, only, parse, problems, schemaErrors } from "./test-support.js";

const PASS_END = { Type: "Pass", End: true };

test("the smallest valid machine", () => {
  const def = parse({ StartAt: "A", States: { A: PASS_END } });
  assert.equal(def.startAt, "A");
  assert.equal(def.queryLanguage, "JSONPath");
  assert.deepEqual([...def.states.keys()], ["A"]);
  assert.equal(def.states.get("A")?.type, "Pass");
  assert.equal(def.states.get("A")?.end, true);
  assert.equal(def.states.get("A")?.location, "/States/A");
});

test("top-level optional fields are kept", () => {
  const def = parse({ Comment: "c", Version: "1.0", TimeoutSeconds: 300, StartAt: "A", States: { A: PASS_END } });
  assert.equal(def.comment, "c");
  assert.equal(def.version, "1.0");
  assert.equal(def.timeoutSeconds, 300);
});

test("not an object: AWS's (recorded) sentence, without location", () => {
  for (const text of ["", "  ", "[]", '"x"', "1", "null"]) {
    const result = validateDefinition(text);
    assert.ok(!result.ok);
    assert.deepEqual(result.diagnostics, [{ severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "Definition must be a valid JSON object" }], text);
  }
});

test("required top-level fields (recorded messages)", () => {
  assert.deepEqual(schemaErrors({}), [["These fields are required: [States, StartAt]", "/"]]);
  assert.deepEqual(schemaErrors({ States: { A: PASS_END } }), [["These fields are required: [StartAt]", "/"]]);
  assert.deepEqual(schemaErrors({ StartAt: "A" }), [["These fields are required: [States]", "/"]]);
});

test("top-level field types and values", () => {
  const base = { StartAt: "A", States: { A: PASS_END } };
  assert.deepEqual(schemaErrors({ ...base, StartAt: 1 }), [["Expected value of type String", "/StartAt"]]);
  assert.deepEqual(schemaErrors({ ...base, States: [] }), [["Expected value of type Object", "/States"]]);
  assert.deepEqual(schemaErrors({ StartAt: "A", States: {} }), [["Value cannot be empty", "/States"]]);
  assert.deepEqual(schemaErrors({ ...base, Comment: 5 }), [["Expected value of type String", "/Comment"]]);
  assert.deepEqual(schemaErrors({ ...base, Version: 1 }), [["Expected value of type String", "/Version"]]);
  assert.deepEqual(schemaErrors({ ...base, TimeoutSeconds: 0 }), [["Minimum value is 1", "/TimeoutSeconds"]]);
  assert.deepEqual(schemaErrors({ ...base, TimeoutSeconds: 1.5 }), [["Expected value of type Integer", "/TimeoutSeconds"]]);
  assert.deepEqual(schemaErrors({ ...base, TimeoutSeconds: "10" }), [["Expected value of type Integer", "/TimeoutSeconds"]]);
  assert.deepEqual(schemaErrors({ ...base, TimeoutSeconds: 100_000_000 }), [["Maximum value is 99999999", "/TimeoutSeconds"]]);
  assert.deepEqual(schemaErrors({ ...base, Extra: true }), [["Field 'Extra' is not supported", "/"]]);
});

test("state basics: object, Type", () => {
  assert.deepEqual(schemaErrors(only(5 as never)), [["Expected value of type Object", "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ End: true })), [["The field 'Type' is required", "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Loop", End: true })), [
    ["Value should be one of the following: [Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map]", "/States/S/Type"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: 1, End: true })), [["Expected value of type String", "/States/S/Type"]]);
  assert.deepEqual(schemaErrors(only({ ...PASS_END, Comment: 1 })), [["Expected value of type String", "/States/S/Comment"]]);
});

test("Next and End: exactly one for states that transition", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Pass" })), [["This object should have only one of the following fields: [Next, End]", "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", End: false })), [["This object should have only one of the following fields: [Next, End]", "/States/S"]]);
  assert.deepEqual(schemaErrors({ StartAt: "S", States: { S: { Type: "Pass", Next: "T", End: true }, T: PASS_END } }), [
    ["There should only be one of the following fields: [Next, End]", "/States/S"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", End: "yes" })), [
    ["Expected value of type Boolean", "/States/S/End"],
    ["This object should have only one of the following fields: [Next, End]", "/States/S"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", Next: 3 })), [["Expected value of type String", "/States/S/Next"]]);
  // Next with End: false is a plain transition.
  const def = parse({ StartAt: "S", States: { S: { Type: "Pass", Next: "T", End: false }, T: PASS_END } });
  assert.equal(def.states.get("S")?.next, "T");
});

test("Choice, Succeed and Fail take neither Next nor End (observed sentence)", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Succeed", Next: "S" })), [["Field 'Next' is not supported", "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Fail", End: true })), [["Field 'End' is not supported", "/States/S"]]);
  const choice = { Type: "Choice", Choices: [{ Variable: "$.x", IsPresent: true, Next: "Done" }], End: true };
  assert.deepEqual(schemaErrors({ StartAt: "S", States: { S: choice, Done: { Type: "Succeed" } } }), [["Field 'End' is not supported", "/States/S"]]);
});

test("a missing Next target, wherever the name is written (recorded: always 'Next')", () => {
  assert.deepEqual(errors({ StartAt: "A", States: { A: { Type: "Pass", Next: "Ghost" }, Z: PASS_END } }), [
    ["MISSING_TRANSITION_TARGET", "Missing 'Next' target: Ghost", "/States/A/Next"],
    ["MISSING_TRANSITION_TARGET", 'State "Z" is not reachable.', "/States/Z"],
  ]);
  const choice = { Type: "Choice", Choices: [{ Variable: "$.x", IsPresent: true, Next: "Ghost" }], Default: "Ghost2" };
  assert.deepEqual(errors({ StartAt: "C", States: { C: choice, Z: PASS_END } }), [
    ["MISSING_TRANSITION_TARGET", "Missing 'Next' target: Ghost", "/States/C/Choices[0]/Next"],
    ["MISSING_TRANSITION_TARGET", "Missing 'Next' target: Ghost2", "/States/C/Default"],
    ["MISSING_TRANSITION_TARGET", 'State "Z" is not reachable.', "/States/Z"],
  ]);
  const task = { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Ghost" }], End: true };
  assert.deepEqual(errors(only(task)), [["MISSING_TRANSITION_TARGET", "Missing 'Next' target: Ghost", "/States/S/Catch[0]/Next"]]);
});

test("a dangling StartAt (recorded): the StartAt, then the states nobody names", () => {
  // Recorded: only "Pass One" is reported; "Success" is named by "Pass One".
  const def = { StartAt: "Not sure", States: { "Pass One": { Type: "Pass", Next: "Success" }, Success: { Type: "Succeed" } } };
  assert.deepEqual(errors(def), [
    ["MISSING_TRANSITION_TARGET", "Missing 'Next' target: Not sure", "/StartAt"],
    ["MISSING_TRANSITION_TARGET", 'State "Pass One" is not reachable.', "/States/Pass One"],
  ]);
  const result = validateDefinition(JSON.stringify(def));
  assert.ok(!result.ok);
  assert.equal(
    invalidDefinitionMessage(result.diagnostics),
    "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Not sure at /StartAt, " +
      "MISSING_TRANSITION_TARGET: State \"Pass One\" is not reachable. at /States/Pass One'",
  );
});

test("unreachable means 'named by no transition' (recorded)", () => {
  // Recorded: pass1 → pass3 (missing); pass2 named by nobody.
  const def = { StartAt: "pass1", States: { pass1: { Type: "Pass", Next: "pass3" }, pass2: PASS_END } };
  const result = validateDefinition(JSON.stringify(def));
  assert.ok(!result.ok);
  assert.equal(
    invalidDefinitionMessage(result.diagnostics),
    "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next, " +
      "MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2'",
  );
  // A state named only by itself counts as named.
  assert.deepEqual(errors({ StartAt: "A", States: { A: PASS_END, B: { Type: "Pass", Next: "B" } } }), []);
});

test("no terminal state: MISSING_END_STATE without location, hiding unreachable states", () => {
  const loop = { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "A" } };
  assert.deepEqual(errors({ StartAt: "A", States: loop }), [["MISSING_END_STATE", "Workflow has no terminal state", undefined]]);
  assert.deepEqual(errors({ StartAt: "A", States: { ...loop, Unused: { Type: "Pass", Next: "A" } } }), [
    ["MISSING_END_STATE", "Workflow has no terminal state", undefined],
  ]);
  assert.deepEqual(errors({ StartAt: "A", States: { ...loop, C: PASS_END } }), [["MISSING_TRANSITION_TARGET", 'State "C" is not reachable.', "/States/C"]]);
  // A dangling target and the missing end are both reported, in that order.
  assert.deepEqual(errors({ StartAt: "A", States: { A: { Type: "Pass", Next: "NOPE" } } }), [
    ["MISSING_TRANSITION_TARGET", "Missing 'Next' target: NOPE", "/States/A/Next"],
    ["MISSING_END_STATE", "Workflow has no terminal state", undefined],
  ]);
  const result = validateDefinition(JSON.stringify({ StartAt: "A", States: loop }));
  assert.ok(!result.ok);
  assert.equal(invalidDefinitionMessage(result.diagnostics), "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'");
});

test("Succeed and Fail are terminal states", () => {
  assert.deepEqual(errors({ StartAt: "A", States: { A: { Type: "Fail" } } }), []);
  assert.deepEqual(errors({ StartAt: "A", States: { A: { Type: "Succeed" } } }), []);
});

test("a nested scope needs no terminal state", () => {
  const map = {
    Type: "Map",
    ItemProcessor: { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "A" } } },
    End: true,
  };
  assert.deepEqual(errors(only(map)), []);
});

test("state names: at most 80 characters (observed sentence)", () => {
  const long = "This is an exceptionally long state name that I know will fail when I try to deploy to AWS";
  assert.deepEqual(errors({ StartAt: "Hello", States: { Hello: { Type: "Pass", Next: long }, [long]: PASS_END } }), [
    ["INVALID_STATE_NAME", `Invalid State name: State '${long}' exceeds the 80-character limit allowed by the service`, `/States/${long}`],
  ]);
  const eighty = "x".repeat(80);
  assert.deepEqual(errors(only(PASS_END, {}, eighty)), []);
  // 80 characters counted as Unicode code points, not UTF-16 units.
  assert.deepEqual(errors(only(PASS_END, {}, "😀".repeat(80))), []);
  assert.equal(errors(only(PASS_END, {}, "😀".repeat(81)))[0][0], "INVALID_STATE_NAME");
});

test("state names are unique in the whole machine", () => {
  const def = {
    StartAt: "P",
    States: {
      P: { Type: "Parallel", Branches: [{ StartAt: "Work", States: { Work: PASS_END } }, { StartAt: "Work", States: { Work: PASS_END } }], Next: "Work" },
      Work: PASS_END,
    },
  };
  assert.deepEqual(errors(def), [
    ["DUPLICATE_STATE_NAME", "Duplicate State name: Work", "/States/P/Branches[1]/States/Work"],
    ["DUPLICATE_STATE_NAME", "Duplicate State name: Work", "/States/Work"],
  ]);
  // A name written twice in one States object (JSON.parse would silently keep the last).
  assert.deepEqual(errors('{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"A":{"Type":"Pass","End":true}}}'), [
    ["DUPLICATE_STATE_NAME", "Duplicate State name: A", "/States/A"],
  ]);
});

test("allStates holds every state at any depth", () => {
  const def = parse({
    StartAt: "P",
    States: {
      P: {
        Type: "Parallel",
        Branches: [{ StartAt: "M", States: { M: { Type: "Map", ItemProcessor: { StartAt: "Inner", States: { Inner: PASS_END } }, End: true } } }],
        End: true,
      },
    },
  });
  assert.deepEqual([...def.allStates.keys()].sort(), ["Inner", "M", "P"]);
  assert.equal(def.allStates.get("Inner")?.location, "/States/P/Branches[0]/States/M/ItemProcessor/States/Inner");
  assert.deepEqual([...def.states.keys()], ["P"]);
});

test("the InvalidDefinition message joins every error, code by code", () => {
  const result = validateDefinition(JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true, Bogus: 1, Other: 2 } } }));
  assert.ok(!result.ok);
  assert.equal(
    invalidDefinitionMessage(result.diagnostics),
    "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'Bogus' is not supported at /States/A, " +
      "SCHEMA_VALIDATION_FAILED: Field 'Other' is not supported at /States/A'",
  );
});

test("warnings do not fail a definition and stay out of the InvalidDefinition message", () => {
  const def = only({ Type: "Pass", Parameters: { id: "$.id" }, End: true });
  const result = validateDefinition(JSON.stringify(def));
  assert.ok(result.ok);
  assert.deepEqual(result.diagnostics.map((d) => [d.severity, d.code, d.location]), [["WARNING", "NO_DOLLAR", "/States/S/Parameters/id"]]);
  const failing = validateDefinition(JSON.stringify({ ...def, Bogus: 1 }));
  assert.ok(!failing.ok);
  assert.equal(invalidDefinitionMessage(failing.diagnostics), "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'Bogus' is not supported at /'");
});

test("diagnostics order: schema problems first, then transitions", () => {
  const def = { StartAt: "A", States: { A: { Type: "Pass", Next: "Ghost", Bogus: 1 } } };
  assert.deepEqual(problems(def).map(([code]) => code), ["SCHEMA_VALIDATION_FAILED", "MISSING_TRANSITION_TARGET", "MISSING_END_STATE"]);
});
