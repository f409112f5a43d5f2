/**
 * What the control plane stores survives a restart on the same data directory: resource
 * policies, tags, reserved concurrency, event invoke configs and layer versions.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AddPermissionCommand,
  DeleteLayerVersionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionEventInvokeConfigCommand,
  GetLayerVersionCommand,
  GetPolicyCommand,
  ListTagsCommand,
  PublishLayerVersionCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  TagResourceCommand,
} from "@aws-sdk/client-lambda";
import { createFunction, functionArn, startLambda } from "./support.js";

let dataDir: string;
before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "stratus-lambda-restart-"));
});
after(() => rm(dataDir, { recursive: true, force: true }));

describe("after a restart", () => {
  test("policies, tags, concurrency, event invoke configs and layers are still there", async () => {
    const first = await startLambda({ inMemory: false, dataDir });
    let layerSha: string | undefined;
    try {
      await createFunction(first, "kept", { Tags: { a: "1" } });
      await first.lambda.send(new AddPermissionCommand({ FunctionName: "kept", StatementId: "sns", Action: "lambda:InvokeFunction", Principal: "sns.amazonaws.com" }));
      await first.lambda.send(new TagResourceCommand({ Resource: functionArn("kept"), Tags: { b: "2" } }));
      await first.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: "kept", ReservedConcurrentExecutions: 7 }));
      await first.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "kept", MaximumRetryAttempts: 0 }));
      const layer = await first.lambda.send(new PublishLayerVersionCommand({ LayerName: "kept-layer", Content: { ZipFile: first.zip } }));
      layerSha = layer.Content?.CodeSha256;
    } finally {
      await first.server.stop();
    }
    const second = await startLambda({ inMemory: false, dataDir });
    try {
      const policy = JSON.parse((await second.lambda.send(new GetPolicyCommand({ FunctionName: "kept" }))).Policy!);
      assert.deepEqual(policy.Statement.map((s: { Sid: string }) => s.Sid), ["sns"]);
      assert.deepEqual((await second.lambda.send(new ListTagsCommand({ Resource: functionArn("kept") }))).Tags, { a: "1", b: "2" });
      assert.equal((await second.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: "kept" }))).ReservedConcurrentExecutions, 7);
      assert.equal((await second.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "kept" }))).MaximumRetryAttempts, 0);
      assert.equal((await second.lambda.send(new GetLayerVersionCommand({ LayerName: "kept-layer", VersionNumber: 1 }))).Content?.CodeSha256, layerSha);
    } finally {
      await second.server.stop();
    }
  });

  // layers.ts rebuilds its per-layer counter from the stored versions, so a deleted highest
  // version's number comes back after a restart (AWS never reuses one).
  test("a deleted layer version's number is not reused", async () => {
    const first = await startLambda({ inMemory: false, dataDir });
    try {
      await first.lambda.send(new PublishLayerVersionCommand({ LayerName: "numbered", Content: { ZipFile: first.zip } }));
      await first.lambda.send(new PublishLayerVersionCommand({ LayerName: "numbered", Content: { ZipFile: first.zip } }));
      await first.lambda.send(new DeleteLayerVersionCommand({ LayerName: "numbered", VersionNumber: 2 }));
    } finally {
      await first.server.stop();
    }
    const second = await startLambda({ inMemory: false, dataDir });
    try {
      const next = await second.lambda.send(new PublishLayerVersionCommand({ LayerName: "numbered", Content: { ZipFile: second.zip } }));
      assert.equal(next.Version, 3);
    } finally {
      await second.server.stop();
    }
  });
});
