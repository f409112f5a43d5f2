/**
 * State machine versions and aliases through the SFN SDK: publishing (and publishing the same
 * revision again), describing a version, executions of a version and of an alias (with its
 * weights), and the conflicts AWS reports.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineAliasCommand,
  DeleteStateMachineVersionCommand,
  DescribeExecutionCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  ListStateMachineAliasesCommand,
  ListStateMachineVersionsCommand,
  PublishStateMachineVersionCommand,
  SFNClient,
  StartExecutionCommand,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import { fails, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

type Server = Awaited<ReturnType<typeof startStratus>>;
let server: Server;
let sfn: SFNClient;
before(async () => {
  server = await startStratus();
  sfn = new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
});
after(() => server.stop());

const returning = (value: string) => JSON.stringify({ StartAt: "R", States: { R: { Type: "Pass", Result: value, End: true } } });

test("versions: publish on create and later, the same revision twice gives the same version, executions run the version's definition", async () => {
  const created = await sfn.send(new CreateStateMachineCommand({ name: "pricing", definition: returning("v1"), roleArn: "arn:aws:iam::000000000000:role/r", publish: true, versionDescription: "first" }));
  const arn = created.stateMachineArn!;
  assert.equal(created.stateMachineVersionArn, `${arn}:1`);
  const again = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: arn }));
  assert.equal(again.stateMachineVersionArn, `${arn}:1`, "nothing changed: the same version");
  const updated = await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: returning("v2"), publish: true }));
  assert.equal(updated.stateMachineVersionArn, `${arn}:2`);
  await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: returning("latest") }));
  await fails(sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: arn, revisionId: "stale" })), "ConflictException", /^Failed to publish the State Machine version for revision stale/, 409);

  const v1 = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${arn}:1` }));
  assert.equal(v1.definition, returning("v1"));
  assert.equal(v1.description, "first");
  assert.deepEqual((await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn }))).stateMachineVersions!.map((v) => v.stateMachineVersionArn), [`${arn}:2`, `${arn}:1`]);

  const run = async (target: string) => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: target }));
    return sfn.send(new DescribeExecutionCommand({ executionArn }));
  };
  assert.equal((await run(`${arn}:1`)).output, '"v1"');
  assert.equal((await run(`${arn}:1`)).stateMachineVersionArn, `${arn}:1`);
  assert.equal((await run(arn)).output, '"latest"');

  const alias = await sfn.send(new CreateStateMachineAliasCommand({ name: "live", routingConfiguration: [{ stateMachineVersionArn: `${arn}:2`, weight: 100 }] }));
  assert.equal(alias.stateMachineAliasArn, `${arn}:live`);
  const viaAlias = await run(`${arn}:live`);
  assert.deepEqual([viaAlias.output, viaAlias.stateMachineAliasArn, viaAlias.stateMachineVersionArn], ['"v2"', `${arn}:live`, `${arn}:2`]);

  await sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn: alias.stateMachineAliasArn, routingConfiguration: [{ stateMachineVersionArn: `${arn}:1`, weight: 50 }, { stateMachineVersionArn: `${arn}:2`, weight: 50 }] }));
  const outputs = new Set<string>();
  for (let i = 0; i < 40; i++) outputs.add((await run(`${arn}:live`)).output!);
  assert.deepEqual([...outputs].sort(), ['"v1"', '"v2"'], "both versions get executions");
  assert.equal((await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: alias.stateMachineAliasArn }))).routingConfiguration!.length, 2);
  assert.equal((await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: arn }))).stateMachineAliases!.length, 1);

  await fails(sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${arn}:1` })), "ConflictException", /must not be referenced by an alias/, 409);
  await fails(sfn.send(new CreateStateMachineAliasCommand({ name: "bad", routingConfiguration: [{ stateMachineVersionArn: `${arn}:1`, weight: 60 }, { stateMachineVersionArn: `${arn}:2`, weight: 30 }] })), "ValidationException", /equal to 100/);
  await sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: alias.stateMachineAliasArn }));
  await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${arn}:1` }));
  await fails(sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}:1` })), "StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}:1'`);
});
