/**
 * State machines through the real SFNClient (awsJson1_0): create (idempotent), describe,
 * update, list with paging, tags, delete, definition errors and ValidateStateMachineDefinition.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  SFNClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from "@aws-sdk/client-sfn";
import { fails, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

type Server = Awaited<ReturnType<typeof startStratus>>;
let server: Server;
let sfn: SFNClient;
const ROLE = "arn:aws:iam::000000000000:role/sfn";
const PASS = JSON.stringify({ StartAt: "Hello", States: { Hello: { Type: "Pass", Result: "hi", End: true } } });

before(async () => {
  server = await startStratus();
  sfn = client("000000000000");
});
after(() => server.stop());

function client(accessKeyId: string): SFNClient {
  return new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: { ...TEST_CREDENTIALS, accessKeyId }, maxAttempts: 1 });
}


describe("state machines", () => {
  test("create, describe, update, delete; creating the same machine again is idempotent", async () => {
    const created = await sfn.send(new CreateStateMachineCommand({ name: "hello", definition: PASS, roleArn: ROLE }));
    assert.equal(created.stateMachineArn, "arn:aws:states:us-east-1:000000000000:stateMachine:hello");
    assert.ok(created.creationDate instanceof Date);
    const again = await sfn.send(new CreateStateMachineCommand({ name: "hello", definition: PASS, roleArn: ROLE }));
    assert.equal(again.stateMachineArn, created.stateMachineArn);
    assert.equal(again.creationDate?.getTime(), created.creationDate?.getTime());
    await fails(sfn.send(new CreateStateMachineCommand({ name: "hello", definition: PASS, roleArn: "arn:aws:iam::000000000000:role/other" })), "StateMachineAlreadyExists", `State Machine Already Exists: '${created.stateMachineArn}'`);

    const d = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    assert.equal(d.name, "hello");
    assert.equal(d.status, "ACTIVE");
    assert.equal(d.type, "STANDARD");
    assert.equal(d.definition, PASS);
    assert.equal(d.roleArn, ROLE);
    assert.deepEqual(d.loggingConfiguration, { level: "OFF", includeExecutionData: false });
    assert.deepEqual(d.tracingConfiguration, { enabled: false });
    assert.deepEqual(d.encryptionConfiguration, { type: "AWS_OWNED_KEY" });
    assert.ok(d.revisionId);

    const changed = JSON.stringify({ StartAt: "Bye", States: { Bye: { Type: "Succeed" } } });
    const u = await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn, definition: changed }));
    assert.ok(u.updateDate instanceof Date);
    assert.notEqual(u.revisionId, d.revisionId);
    assert.equal((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }))).definition, changed);
    await fails(sfn.send(new UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn })), "MissingRequiredParameter", /must be specified/);

    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    await fails(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn })), "StateMachineDoesNotExist", `State Machine Does Not Exist: '${created.stateMachineArn}'`);
  });

  test("names, ARNs, roles and definitions are checked", async () => {
    await fails(sfn.send(new CreateStateMachineCommand({ name: "has space", definition: PASS, roleArn: ROLE })), "InvalidName", "Invalid Name: 'has space'");
    await fails(sfn.send(new CreateStateMachineCommand({ name: "x".repeat(81), definition: PASS, roleArn: ROLE })), "InvalidName", /^Invalid Name: /);
    await fails(sfn.send(new CreateStateMachineCommand({ name: "ok", definition: PASS, roleArn: "not-a-role" })), "InvalidArn", "Invalid Arn: 'Invalid ARN prefix: not-a-role'");
    await fails(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: "arn:aws:states:us-east-1:000000000000:execution:x:y" })), "InvalidArn", "Invalid Arn: 'Resource type not valid in this context: execution'");
    await fails(sfn.send(new CreateStateMachineCommand({ name: "bad-json", definition: "{nope", roleArn: ROLE })), "InvalidDefinition", /^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: /);
    await fails(
      sfn.send(new CreateStateMachineCommand({ name: "no-target", definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "Missing" } } }), roleArn: ROLE })),
      "InvalidDefinition",
      "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Missing at /States/A/Next, MISSING_END_STATE: Workflow has no terminal state at null'",
    );
  });

  test("ListStateMachines pages; other accounts see their own", async () => {
    const c = client("400000000001");
    for (let i = 0; i < 5; i++) await c.send(new CreateStateMachineCommand({ name: `m${i}`, definition: PASS, roleArn: "arn:aws:iam::400000000001:role/r", type: i % 2 ? "EXPRESS" : "STANDARD" }));
    const first = await c.send(new ListStateMachinesCommand({ maxResults: 3 }));
    assert.deepEqual(first.stateMachines!.map((m) => m.name), ["m0", "m1", "m2"]);
    assert.equal(first.stateMachines![1].type, "EXPRESS");
    const rest = await c.send(new ListStateMachinesCommand({ maxResults: 3, nextToken: first.nextToken }));
    assert.deepEqual(rest.stateMachines!.map((m) => m.name), ["m3", "m4"]);
    assert.equal(rest.nextToken, undefined);
    const mine = await client("400000000002").send(new ListStateMachinesCommand({}));
    assert.deepEqual(mine.stateMachines, []);
  });

  test("tags", async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "tagged", definition: PASS, roleArn: ROLE, tags: [{ key: "team", value: "core" }] }));
    await sfn.send(new TagResourceCommand({ resourceArn: stateMachineArn, tags: [{ key: "env", value: "dev" }] }));
    await sfn.send(new UntagResourceCommand({ resourceArn: stateMachineArn, tagKeys: ["team"] }));
    assert.deepEqual((await sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags, [{ key: "env", value: "dev" }]);
    await fails(sfn.send(new ListTagsForResourceCommand({ resourceArn: `${stateMachineArn}-gone` })), "ResourceNotFound", /^Resource not found/, 404); // the model's httpError
  });

  test("ValidateStateMachineDefinition reports diagnostics instead of failing", async () => {
    assert.deepEqual(await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS })).then((r) => [r.result, r.diagnostics, r.truncated]), ["OK", [], false]);
    const bad = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify({ States: { A: { Type: "Nope" } } }) }));
    assert.equal(bad.result, "FAIL");
    assert.deepEqual(
      bad.diagnostics!.map((d) => [d.severity, d.code, d.location]),
      [
        ["ERROR", "SCHEMA_VALIDATION_FAILED", "/"],
        ["ERROR", "SCHEMA_VALIDATION_FAILED", "/States/A/Type"],
        ["ERROR", "MISSING_END_STATE", undefined],
      ],
    );
  });
});
