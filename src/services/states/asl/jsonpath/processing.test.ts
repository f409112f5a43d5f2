import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { JsonValue } from "./json.js";
import {
  applyInputPath,
  applyItemSelector,
  applyOutputPath,
  applyParameters,
  applyResultPath,
  applyResultSelector,
  resolveField,
} from "./processing.js";
import { withStatePrefix } from "./errors.js";
import { assertStatesError } from "./test-helpers.js";

describe("the AWS documentation's examples, reproduced", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
  test("InputPath selects dataset2", () => {
    const input = {
      comment: "Example for InputPath.",
      dataset1: { val1: 1, val2: 2, val3: 3 },
      dataset2: { val1: "a", val2: "b", val3: "c" },
    };
    assert.deepEqual(applyInputPath("$.dataset2", input), { val1: "a", val2: "b", val3: "c" });
  });

  test("Parameters select what I care about", () => {
    const input = {
      comment: "Example for Parameters.",
      product: { details: { color: "blue", size: "small", material: "cotton" }, availability: "in stock", sku: "2317", cost: "$23" },
    };
    const parameters = {
      comment: "Selecting what I care about.",
      MyDetails: { "size.$": "$.product.details.size", "exists.$": "$.product.availability", StaticValue: "foo" },
    };
    assert.deepEqual(applyParameters(parameters, input), {
      comment: "Selecting what I care about.",
      MyDetails: { size: "small", exists: "in stock", StaticValue: "foo" },
    });
  });

  test("ResultSelector keeps two fields of an EMR result, then ResultPath puts them in the input", () => {
    const result = {
      resourceType: "elasticmapreduce",
      resource: "createCluster.sync",
      output: {
        SdkHttpMetadata: {
          HttpHeaders: {
            "Content-Length": "1112",
            "Content-Type": "application/x-amz-JSON-1.1",
            Date: "Mon, 25 Nov 2019 19:41:29 GMT",
            "x-amzn-RequestId": "1234-5678-9012",
          },
          HttpStatusCode: 200,
        },
        SdkResponseMetadata: { RequestId: "1234-5678-9012" },
        ClusterId: "AKIAIOSFODNN7EXAMPLE",
      },
    };
    const selected = applyResultSelector({ "ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType" }, result);
    assert.deepEqual(selected, { ClusterId: "AKIAIOSFODNN7EXAMPLE", ResourceType: "elasticmapreduce" });
    assert.deepEqual(applyResultPath({ cluster: "c1" }, selected, "$.EMROutput"), {
      cluster: "c1",
      EMROutput: { ClusterId: "AKIAIOSFODNN7EXAMPLE", ResourceType: "elasticmapreduce" },
    });
  });

  test("ResultSelector flattens a Parallel state's array of arrays", () => {
    const result: JsonValue = [
      [{ key1: "value1" }, { key2: "value2" }],
      [{ key3: "value3" }, { key4: "value4" }],
    ];
    assert.deepEqual(applyResultSelector({ "flattenArray.$": "$[*][*]" }, result), {
      flattenArray: [{ key1: "value1" }, { key2: "value2" }, { key3: "value3" }, { key4: "value4" }],
    });
  });

  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
  const lambdaInput = {
    comment: "This is a test of the input and output of a Task state.",
    details: "Default example",
    who: "AWS Step Functions",
  };
  const lambdaResult = "Hello, AWS Step Functions!";

  test("ResultPath absent or $ replaces the input with the result", () => {
    assert.equal(applyResultPath(lambdaInput, lambdaResult, undefined), lambdaResult);
    assert.equal(applyResultPath(lambdaInput, lambdaResult, "$"), lambdaResult);
  });

  test("ResultPath $.taskresult includes the result with the input", () => {
    assert.deepEqual(applyResultPath(lambdaInput, lambdaResult, "$.taskresult"), { ...lambdaInput, taskresult: lambdaResult });
  });

  test("ResultPath $.strings.lambdaresult inserts the result as a child node", () => {
    const input = { comment: "An input comment.", strings: { string1: "foo", string2: "bar", string3: "baz" }, who: "AWS Step Functions" };
    assert.deepEqual(applyResultPath(input, lambdaResult, "$.strings.lambdaresult"), {
      comment: "An input comment.",
      strings: { string1: "foo", string2: "bar", string3: "baz", lambdaresult: "Hello, AWS Step Functions!" },
      who: "AWS Step Functions",
    });
  });

  test("ResultPath $.comment updates a node of the input", () => {
    assert.deepEqual(applyResultPath(lambdaInput, lambdaResult, "$.comment"), {
      comment: "Hello, AWS Step Functions!",
      details: "Default example",
      who: "AWS Step Functions",
    });
  });

  test("ResultPath in a Catch keeps the input and adds the error", () => {
    assert.deepEqual(applyResultPath({ foo: "bar" }, { Error: "Error here" }, "$.error"), { foo: "bar", error: { Error: "Error here" } });
  });

  test("ResultPath null discards the result", () => {
    assert.deepEqual(applyResultPath({ foo: "bar" }, lambdaResult, null), { foo: "bar" });
  });

  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-example.html
  test("InputPath, ResultPath and OutputPath together", () => {
    const input = { comment: "An input comment.", data: { val1: 23, val2: 17 }, extra: "foo", lambda: { who: "AWS Step Functions" } };
    assert.deepEqual(applyInputPath("$.lambda", input), { who: "AWS Step Functions" });
    const combined = applyResultPath(input, "Hello, AWS Step Functions!", "$.data.lambdaresult");
    assert.deepEqual(combined, {
      comment: "An input comment.",
      data: { val1: 23, val2: 17, lambdaresult: "Hello, AWS Step Functions!" },
      extra: "foo",
      lambda: { who: "AWS Step Functions" },
    });
    assert.deepEqual(applyOutputPath("$.data", combined), { val1: 23, val2: 17, lambdaresult: "Hello, AWS Step Functions!" });
  });

  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
  test("the context object passes the execution ARN to an SQS message", () => {
    const context = {
      Execution: {
        Id: "arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName",
        Input: { key: "value" },
        Name: "executionName",
        RoleArn: "arn:aws:iam::123456789012:role...",
        StartTime: "2019-03-26T20:14:13.192Z",
      },
      State: { EnteredTime: "2019-03-26T20:14:13.192Z", Name: "Test", RetryCount: 3 },
      StateMachine: { Id: "arn:aws:states:us-east-1:123456789012:stateMachine:stateMachineName", Name: "name" },
      Task: { Token: "h7XRiCdLtd/83p1E0dMccoxlzFhglsdkzpK9mBVKZsp7d9yrT1W" },
    };
    const parameters = {
      QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/flight-purchase",
      MessageBody: { From: "YVR", To: "SEA", "Execution.$": "$$.Execution.Id" },
    };
    assert.deepEqual(applyParameters(parameters, {}, { context }), {
      QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/flight-purchase",
      MessageBody: { From: "YVR", To: "SEA", Execution: "arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName" },
    });
    assert.deepEqual(applyParameters({ "token.$": "$$.Task.Token" }, {}, { context }), { token: "h7XRiCdLtd/83p1E0dMccoxlzFhglsdkzpK9mBVKZsp7d9yrT1W" });
  });

  test("a Map state's ItemSelector reads Map.Item.Index and Map.Item.Value", () => {
    const items = [{ who: "bob" }, { who: "meg" }, { who: "joe" }];
    const selector = { "ContextIndex.$": "$$.Map.Item.Index", "ContextValue.$": "$$.Map.Item.Value" };
    const out = items.map((item, index) => applyItemSelector(selector, items, { context: { Map: { Item: { Index: index, Value: item } } } }));
    assert.deepEqual(out, [
      { ContextValue: { who: "bob" }, ContextIndex: 0 },
      { ContextValue: { who: "meg" }, ContextIndex: 1 },
      { ContextValue: { who: "joe" }, ContextIndex: 2 },
    ]);
  });
});

describe("InputPath and OutputPath", () => {
  test("absent keeps the value, null gives {}", () => {
    assert.deepEqual(applyInputPath(undefined, { a: 1 }), { a: 1 });
    assert.deepEqual(applyInputPath(null, { a: 1 }), {});
    assert.deepEqual(applyOutputPath(undefined, [1]), [1]);
    assert.deepEqual(applyOutputPath(null, [1]), {});
  });
  test("$ keeps the whole value, an indefinite path gives an array", () => {
    assert.deepEqual(applyInputPath("$", { a: 1 }), { a: 1 });
    assert.deepEqual(applyInputPath("$.a[?(@ > 1)]", { a: [1, 2, 3] }), [2, 3]);
    assert.deepEqual(applyOutputPath("$.a[?(@ > 5)]", { a: [1, 2, 3] }), []);
  });
  test("a miss fails with States.Runtime in AWS's words", () => {
    // Recorded on AWS (OutputPath after a Lambda task whose result had no Payload).
    assertStatesError(() => applyOutputPath("$.Payload", { StatusCode: 200 }), "States.Runtime", "Invalid path '$.Payload' : No results for path: $['Payload']");
    assertStatesError(() => applyInputPath("$.a.b", { a: 1 }), "States.Runtime", /^Invalid path '\$\.a\.b' : Expected to find an object/);
  });
  test("the interpreter can prefix the state, as the execution history shows it", () => {
    assert.equal(
      withStatePrefix("Invalid path '$.Payload' : No results for path: $['Payload']", "AggregateIdentityResults", 13),
      "An error occurred while executing the state 'AggregateIdentityResults' (entered at the event id #13). Invalid path '$.Payload' : No results for path: $['Payload']",
    );
  });
});

describe("payload templates", () => {
  const input = { a: 1, list: [{ x: 1 }, { x: 2 }], s: "text", nested: { deep: { v: true } } };

  test("static values are copied, .$ values are evaluated, at any depth and inside arrays", () => {
    const template = {
      num: 1,
      str: "$.not-a-path-without-suffix",
      nil: null,
      arr: [{ "x.$": "$.a" }, "plain", [{ "y.$": "$.s" }]],
      obj: { "deep.$": "$.nested.deep", inner: { "v.$": "$.nested.deep.v" } },
      "xs.$": "$.list[*].x",
      "fn.$": "States.Format('{}-{}', $.a, $.s)",
      "all.$": "$",
    };
    assert.deepEqual(applyParameters(template, input), {
      num: 1,
      str: "$.not-a-path-without-suffix",
      nil: null,
      arr: [{ x: 1 }, "plain", [{ y: "text" }]],
      obj: { deep: { v: true }, inner: { v: true } },
      xs: [1, 2],
      fn: "1-text",
      all: input,
    });
  });

  test("the result does not share containers with the template", () => {
    const template = { fixed: { list: [1] } };
    const out = applyParameters(template, {}) as { fixed: { list: number[] } };
    out.fixed.list.push(2);
    assert.deepEqual(template.fixed.list, [1]);
  });

  test("variables and the context object", () => {
    const out = applyParameters(
      { "v.$": "$myVar", "w.$": "$myVar.k", "c.$": "$$.State.Name" },
      {},
      { variables: { myVar: { k: "vk" } }, context: { State: { Name: "S" } } },
    );
    assert.deepEqual(out, { v: { k: "vk" }, w: "vk", c: "S" });
  });

  test("a path that matches nothing fails with States.Runtime, as AWS words it", () => {
    // Recorded on AWS (a Glue StartJobRun task): "The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'".
    assertStatesError(
      () => applyParameters({ "JobName.$": "$.JobName" }, {}),
      "States.Runtime",
      "The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'",
    );
    assertStatesError(
      () => applyParameters({ outer: { "missing.$": "$.nope.deep" } }, { other: 1 }),
      "States.Runtime",
      "The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in the input '{\"other\":1}'",
    );
    assertStatesError(
      () => applyResultSelector({ "p.$": "$.Payload" }, { StatusCode: 200 }),
      "States.Runtime",
      "The JSONPath '$.Payload' specified for the field 'p.$' could not be found in the input '{\"StatusCode\":200}'",
    );
  });

  test("a context path that matches nothing quotes the context object", () => {
    assertStatesError(
      () => applyParameters({ "t.$": "$$.Task.Token" }, { a: 1 }, { context: { State: { Name: "S" } } }),
      "States.Runtime",
      "The JSONPath '$$.Task.Token' specified for the field 't.$' could not be found in the input '{\"State\":{\"Name\":\"S\"}}'",
    );
  });

  test("a .$ value that is neither a path nor a call fails with States.Runtime", () => {
    for (const bad of ["plain", 5, null, "$.a b", "States.Nope()"]) {
      assertStatesError(
        () => resolveField("f.$", bad as JsonValue, {}),
        "States.Runtime",
        "The value for the field 'f.$' must be a valid JSONPath or a valid intrinsic function call",
      );
    }
  });

  test("an intrinsic failure keeps its own error name", () => {
    assertStatesError(() => applyParameters({ "r.$": "States.ArrayRange(1, 2, 0)" }, {}), "States.IntrinsicFailure", /step/);
  });

  test("keys are set as data: __proto__ stays an own property and pollutes nothing", () => {
    const template = JSON.parse('{"__proto__": {"polluted": true}, "x.$": "$.a"}') as JsonValue;
    const out = applyParameters(template, { a: 1 }) as Record<string, unknown>;
    assert.deepEqual(Object.keys(out), ["__proto__", "x"]);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const viaField = applyParameters({ "__proto__.$": "$" }, { polluted: true }) as Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(viaField, "__proto__"));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test("a key that is only '.$' is an ordinary key", () => {
    assert.deepEqual(applyParameters({ ".$": "$.a" }, { a: 1 }), { ".$": "$.a" });
  });
});

describe("ResultPath", () => {
  const cases: Array<[JsonValue, string, JsonValue]> = [
    [{}, "$.a.b.c", { a: { b: { c: "R" } } }],
    [{ a: { x: 1 } }, "$.a.b", { a: { x: 1, b: "R" } }],
    [{ a: [1, 2] }, "$.a[1]", { a: [1, "R"] }],
    [{ a: [{ x: 1 }] }, "$.a[0].y", { a: [{ x: 1, y: "R" }] }],
    [{ a: [1, 2] }, "$.a[-1]", { a: [1, "R"] }],
    [{ "a b": {} }, "$['a b'].c", { "a b": { c: "R" } }],
    [{ a: 1 }, "$.a", { a: "R" }],
  ];
  for (const [input, path, expected] of cases) {
    test(`${path} into ${JSON.stringify(input)}`, () => {
      const before = JSON.stringify(input);
      assert.deepEqual(applyResultPath(input, "R", path), expected);
      assert.equal(JSON.stringify(input), before, "the input is not modified");
    });
  }

  const failures: Array<[JsonValue, string, string]> = [
    // Recorded on AWS: the raw input was a JSON string.
    ['{"min_size":10000}', "$.partitioned", 'Unable to apply ReferencePath $.partitioned to input "{\\"min_size\\":10000}"'],
    [[1, 2], "$.a", "Unable to apply ReferencePath $.a to input [1,2]"],
    [{ a: 1 }, "$.a.b", 'Unable to apply ReferencePath $.a.b to input {"a":1}'],
    [{ a: null }, "$.a.b", 'Unable to apply ReferencePath $.a.b to input {"a":null}'],
    [{ a: [1] }, "$.a[3]", 'Unable to apply ReferencePath $.a[3] to input {"a":[1]}'],
    [{}, "$.a[0]", "Unable to apply ReferencePath $.a[0] to input {}"],
    [{ a: {} }, "$.a[0]", 'Unable to apply ReferencePath $.a[0] to input {"a":{}}'],
    [{}, "$.a[*]", "Unable to apply ReferencePath $.a[*] to input {}"],
    [{}, "$$.Execution", "Unable to apply ReferencePath $$.Execution to input {}"],
    [{}, "$.a b", "Unable to apply ReferencePath $.a b to input {}"],
  ];
  for (const [input, path, cause] of failures) {
    test(`${path} cannot be applied to ${JSON.stringify(input)}`, () =>
      assertStatesError(() => applyResultPath(input, "R", path), "States.ResultPathMatchFailure", cause));
  }
});
