/**
 * What runs when a function changes, through the real LambdaClient: published versions keep
 * their code, aliases (weighted too) pick versions, configuration changes reach the next
 * invocation, layers, hot-reload directories, the code download location, and the Pending
 * state right after CreateFunction.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionCommand,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
} from "@aws-sdk/client-lambda";
import { rejection } from "../helpers/stratus.js";
import { functionArn, sha256Base64, startLambda, waitUpdated, type LambdaHarness } from "./support.js";
import { deploy, eventually, invoke, invokeOk, zipOf } from "./invoke-support.js";

let h: LambdaHarness;
const tempDirs: string[] = [];
before(async () => {
  h = await startLambda();
});
after(async () => {
  await h.server.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const returning = (value: string) => `exports.handler = async () => ${JSON.stringify(value)};\n`;

async function updateCode(name: string, source: string): Promise<void> {
  await h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: await zipOf({ "index.js": source }) }));
  await waitUpdated(h, name);
}

describe("versions and aliases", () => {
  test("after PublishVersion and UpdateFunctionCode, version 1 runs the old code and $LATEST the new", async () => {
    await deploy(h, "versioned", returning("v1"));
    const published = await h.lambda.send(new PublishVersionCommand({ FunctionName: "versioned" }));
    assert.equal(published.Version, "1");
    await updateCode("versioned", returning("v2"));

    const v1 = await invoke(h, "versioned", undefined, { Qualifier: "1" });
    assert.equal(v1.text, '"v1"');
    assert.equal(v1.out.ExecutedVersion, "1");
    const latest = await invoke(h, "versioned");
    assert.equal(latest.text, '"v2"');
    assert.equal(latest.out.ExecutedVersion, "$LATEST");
    // The same through a qualified ARN.
    assert.equal((await invoke(h, functionArn("versioned", "1"))).text, '"v1"');

    const missing = await rejection(invoke(h, "versioned", undefined, { Qualifier: "9" }));
    assert.equal(missing.name, "ResourceNotFoundException");
    assert.equal(missing.message, `Function not found: ${functionArn("versioned", "9")}`);
  });

  test("an alias runs its version; moving the alias moves the invocations", async () => {
    await deploy(h, "aliased", returning("one"));
    await h.lambda.send(new PublishVersionCommand({ FunctionName: "aliased" }));
    await updateCode("aliased", returning("two"));
    await h.lambda.send(new PublishVersionCommand({ FunctionName: "aliased" }));
    await h.lambda.send(new CreateAliasCommand({ FunctionName: "aliased", Name: "live", FunctionVersion: "1" }));

    const before = await invoke(h, "aliased", undefined, { Qualifier: "live" });
    assert.equal(before.text, '"one"');
    assert.equal(before.out.ExecutedVersion, "1");
    await h.lambda.send(new UpdateAliasCommand({ FunctionName: "aliased", Name: "live", FunctionVersion: "2" }));
    const moved = await invoke(h, functionArn("aliased", "live"));
    assert.equal(moved.text, '"two"');
    assert.equal(moved.out.ExecutedVersion, "2");
  });

  test("a weighted alias ({'2': 0.5}) sends invocations to both versions, each running its own code", async () => {
    await deploy(h, "canary", returning("stable"));
    await h.lambda.send(new PublishVersionCommand({ FunctionName: "canary" }));
    await updateCode("canary", returning("candidate"));
    await h.lambda.send(new PublishVersionCommand({ FunctionName: "canary" }));
    await h.lambda.send(new CreateAliasCommand({ FunctionName: "canary", Name: "split", FunctionVersion: "1", RoutingConfig: { AdditionalVersionWeights: { "2": 0.5 } } }));

    const seen = new Map<string, Set<string>>();
    // 40 invocations in batches of 4: all landing on one version has odds of 2 in 2^40.
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(Array.from({ length: 4 }, () => invoke(h, "canary", undefined, { Qualifier: "split" })));
      for (const r of results) {
        const version = r.out.ExecutedVersion!;
        if (!seen.has(version)) seen.set(version, new Set());
        seen.get(version)!.add(r.text);
      }
    }
    assert.deepEqual([...seen.keys()].sort(), ["1", "2"]);
    assert.deepEqual([...seen.get("1")!], ['"stable"']);
    assert.deepEqual([...seen.get("2")!], ['"candidate"']);
  });

  test("an Environment change by UpdateFunctionConfiguration reaches the next invocation, in a new environment", async () => {
    await deploy(h, "configured", "exports.handler = async () => ({ greeting: process.env.GREETING, pid: process.pid });\n", { Environment: { Variables: { GREETING: "hello" } } });
    const first = await invokeOk(h, "configured");
    assert.equal(first.greeting, "hello");
    await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "configured", Environment: { Variables: { GREETING: "goodbye" } } }));
    await waitUpdated(h, "configured");
    const second = await invokeOk(h, "configured");
    assert.equal(second.greeting, "goodbye");
    assert.notEqual(second.pid, first.pid);
    // Removing the variables removes them from the next environment too.
    await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "configured", Environment: { Variables: {} } }));
    await waitUpdated(h, "configured");
    assert.equal((await invokeOk(h, "configured")).greeting, undefined);
  });
});

describe("environments of replaced code", () => {
  /** Alive and not a zombie (the server runs in this process, which reaps its children). */
  function alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
      return process.platform !== "linux";
    }
  }

  test("UpdateFunctionConfiguration and UpdateFunctionCode stop the previous revision's warm environments", async () => {
    await deploy(h, "replaced", "exports.handler = async () => process.pid;\n");
    const first: number = await invokeOk(h, "replaced");
    assert.ok(alive(first));
    await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "replaced", Description: "new revision" }));
    await waitUpdated(h, "replaced");
    await eventually(async () => !alive(first), 5_000, `environment ${first} of the old configuration to stop`);

    const second: number = await invokeOk(h, "replaced");
    assert.notEqual(second, first);
    await updateCode("replaced", "exports.handler = async () => -process.pid;\n");
    await eventually(async () => !alive(second), 5_000, `environment ${second} of the old code to stop`);
    assert.ok((await invokeOk(h, "replaced")) < 0);
  });
});

describe("layers", () => {
  test("a Node.js layer's nodejs/node_modules package can be required", async () => {
    const content = await zipOf({ "nodejs/node_modules/greeter/index.js": "module.exports = (name) => `hello, ${name}, from a layer`;\n" });
    const layer = await h.lambda.send(new PublishLayerVersionCommand({ LayerName: "greeter", Content: { ZipFile: content }, CompatibleRuntimes: ["nodejs20.x"] }));
    await deploy(h, "uses-greeter", "const greet = require('greeter');\nexports.handler = async (event) => greet(event.name);\n", { Layers: [layer.LayerVersionArn!] });
    assert.equal(await invokeOk(h, "uses-greeter", { name: "Ada" }), "hello, Ada, from a layer");
  });

  test("a Python layer's python/ module can be imported", async () => {
    const content = await zipOf({ "python/helper.py": "def shout(text):\n    return text.upper() + '!'\n" });
    const layer = await h.lambda.send(new PublishLayerVersionCommand({ LayerName: "py-helper", Content: { ZipFile: content }, CompatibleRuntimes: ["python3.12"] }));
    await deploy(h, "uses-helper", { "app.py": "import helper\n\ndef handler(event, context):\n    return helper.shout(event['text'])\n" }, { Runtime: "python3.12", Handler: "app.handler", Layers: [layer.LayerVersionArn!] });
    assert.equal(await invokeOk(h, "uses-helper", { text: "layers work" }), "LAYERS WORK!");
  });

  test("without the layer the package is missing (Runtime.ImportModuleError)", async () => {
    await deploy(h, "lacks-greeter", "const greet = require('greeter');\nexports.handler = async () => greet('x');\n");
    const r = await invoke(h, "lacks-greeter");
    assert.equal(r.out.FunctionError, "Unhandled");
    assert.equal(r.json.errorType, "Runtime.ImportModuleError");
    assert.match(r.json.errorMessage, /^Error: Cannot find module 'greeter'/);
  });
});

describe("hot reload (Code: S3Bucket 'hot-reload', S3Key: a local directory)", () => {
  test("runs the directory in place; an edit runs once the environment is recycled; Code.Location is file://", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stratus-hot-reload-"));
    tempDirs.push(dir);
    writeFileSync(join(dir, "index.js"), returning("first edit"));
    const created = await deploy(h, "hot", {}, { Code: { S3Bucket: "hot-reload", S3Key: dir } });
    assert.equal(created.CodeSha256, "hot-reloading-hash-not-available");
    assert.equal(await invokeOk(h, "hot"), "first edit");

    writeFileSync(join(dir, "index.js"), returning("second edit"));
    // A configuration change retires the warm environment; the new one loads the edited file.
    await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "hot", Environment: { Variables: { RELOAD: "1" } } }));
    await waitUpdated(h, "hot");
    assert.equal(await invokeOk(h, "hot"), "second edit");

    const fn = await h.lambda.send(new GetFunctionCommand({ FunctionName: "hot" }));
    assert.equal(fn.Code!.Location, `file://${dir}`);
  });

  test("a hot-reload path that is not an absolute directory is refused", async () => {
    const err = await rejection(deploy(h, "hot-missing", {}, { Code: { S3Bucket: "hot-reload", S3Key: "relative/dir" } }));
    assert.equal(err.name, "InvalidParameterValueException");
    assert.equal(err.message, "The hot-reload code location must be an absolute path to an existing directory: 'relative/dir'.");
  });
});

describe("GetFunction Code.Location", () => {
  test("downloads exactly the uploaded zip", async () => {
    const zip = await zipOf({ "index.js": returning("downloadable"), "lib/util.js": "module.exports = 1;\n" });
    await deploy(h, "downloadable", {}, { Code: { ZipFile: zip } });
    const fn = await h.lambda.send(new GetFunctionCommand({ FunctionName: "downloadable" }));
    assert.equal(fn.Code!.RepositoryType, "S3");
    assert.equal(fn.Configuration!.CodeSha256, sha256Base64(zip));
    const res = await fetch(fn.Code!.Location!);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/zip");
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), zip);
  });

  test("a published version keeps the location of its own zip after UpdateFunctionCode", async () => {
    const original = await zipOf({ "index.js": returning("original") });
    await deploy(h, "relocated", {}, { Code: { ZipFile: original } });
    await h.lambda.send(new PublishVersionCommand({ FunctionName: "relocated" }));
    await updateCode("relocated", returning("replacement"));
    const download = async (qualifier?: string) => {
      const fn = await h.lambda.send(new GetFunctionCommand({ FunctionName: "relocated", Qualifier: qualifier }));
      return Buffer.from(await (await fetch(fn.Code!.Location!)).arrayBuffer());
    };
    assert.deepEqual(await download("1"), original);
    assert.deepEqual(await download(), await zipOf({ "index.js": returning("replacement") }));
  });
});

describe("the Pending state", () => {
  test("an invocation right after CreateFunction runs or is refused as Pending; once Active it runs", async () => {
    await h.lambda.send(new CreateFunctionCommand({ FunctionName: "fresh", Runtime: "nodejs20.x", Handler: "index.handler", Role: `arn:aws:iam::000000000000:role/r`, Code: { ZipFile: await zipOf({ "index.js": returning("ready") }) } }));
    try {
      const early = await invoke(h, "fresh");
      assert.equal(early.text, '"ready"');
    } catch (err) {
      const e = err as { name: string; message: string; $metadata: { httpStatusCode: number } };
      assert.equal(e.name, "ResourceConflictException");
      assert.equal(e.$metadata.httpStatusCode, 409);
      assert.equal(e.message, "The operation cannot be performed at this time. The function is currently in the following state: Pending");
    }
    await waitUntilFunctionActiveV2({ client: h.lambda, minDelay: 1, maxDelay: 1, maxWaitTime: 10 }, { FunctionName: "fresh" });
    const fn = await h.lambda.send(new GetFunctionCommand({ FunctionName: "fresh" }));
    assert.equal(fn.Configuration!.State, "Active");
    assert.equal(fn.Configuration!.LastUpdateStatus, "Successful");
    assert.equal(await invokeOk(h, "fresh"), "ready");
  });
});
