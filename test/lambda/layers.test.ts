/**
 * Layers (PublishLayerVersion, GetLayerVersion, GetLayerVersionByArn, ListLayers,
 * ListLayerVersions, DeleteLayerVersion) through the real LambdaClient.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  DeleteLayerVersionCommand,
  GetFunctionConfigurationCommand,
  GetLayerVersionByArnCommand,
  GetLayerVersionCommand,
  ListLayerVersionsCommand,
  ListLayersCommand,
  PublishLayerVersionCommand,
} from "@aws-sdk/client-lambda";
import { rejection } from "../helpers/stratus.js";
import { ACCOUNT, accountClient, createFunction, fails, handlerZip, type LambdaHarness, REGION, sha256Base64, startLambda } from "./support.js";

let h: LambdaHarness;
let layerZip: Buffer;
before(async () => {
  h = await startLambda();
  layerZip = await handlerZip({ "nodejs/node_modules/greet/index.js": "module.exports = () => 'hi';\n" });
});
after(() => h.server.stop());

const layerArn = (name: string, version?: number) => `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:${name}${version === undefined ? "" : `:${version}`}`;
const NOT_FOUND = "The resource you requested does not exist.";

describe("layers", () => {
  test("PublishLayerVersion numbers versions from 1 and answers the content", async () => {
    const out = await h.lambda.send(
      new PublishLayerVersionCommand({
        LayerName: "greet",
        Description: "greetings",
        Content: { ZipFile: layerZip },
        CompatibleRuntimes: ["nodejs20.x", "nodejs22.x"],
        CompatibleArchitectures: ["x86_64"],
        LicenseInfo: "MIT",
      }),
    );
    assert.equal(out.$metadata.httpStatusCode, 201);
    assert.equal(out.LayerArn, layerArn("greet"));
    assert.equal(out.LayerVersionArn, layerArn("greet", 1));
    assert.equal(out.Version, 1);
    assert.equal(out.Description, "greetings");
    assert.equal(out.LicenseInfo, "MIT");
    assert.deepEqual(out.CompatibleRuntimes, ["nodejs20.x", "nodejs22.x"]);
    assert.deepEqual(out.CompatibleArchitectures, ["x86_64"]);
    assert.match(out.CreatedDate ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    assert.equal(out.Content?.CodeSha256, sha256Base64(layerZip));
    assert.equal(out.Content?.CodeSize, layerZip.length);
    assert.equal(out.Content?.Location, `${h.server.endpoint}/_stratus/lambda/code/${Buffer.from(sha256Base64(layerZip), "base64").toString("hex")}.zip`);
    const second = await h.lambda.send(new PublishLayerVersionCommand({ LayerName: layerArn("greet"), Content: { ZipFile: layerZip }, CompatibleArchitectures: ["arm64"] }));
    assert.equal(second.Version, 2);
    assert.equal(second.Description, "");
    assert.equal(second.CompatibleRuntimes, undefined);
  });

  test("GetLayerVersion by name or layer ARN, and GetLayerVersionByArn", async () => {
    const byName = await h.lambda.send(new GetLayerVersionCommand({ LayerName: "greet", VersionNumber: 1 }));
    assert.equal(byName.LayerVersionArn, layerArn("greet", 1));
    assert.equal(byName.Description, "greetings");
    assert.equal(byName.Content?.CodeSize, layerZip.length);
    const byLayerArn = await h.lambda.send(new GetLayerVersionCommand({ LayerName: layerArn("greet"), VersionNumber: 2 }));
    assert.deepEqual(byLayerArn.CompatibleArchitectures, ["arm64"]);
    const byArn = await h.lambda.send(new GetLayerVersionByArnCommand({ Arn: layerArn("greet", 1) }));
    assert.equal(byArn.Version, 1);
    assert.equal(byArn.CreatedDate, byName.CreatedDate);
    await fails(h.lambda.send(new GetLayerVersionCommand({ LayerName: "greet", VersionNumber: 3 })), "ResourceNotFoundException", NOT_FOUND, 404);
    await fails(h.lambda.send(new GetLayerVersionCommand({ LayerName: "nothing", VersionNumber: 1 })), "ResourceNotFoundException", NOT_FOUND, 404);
    await fails(h.lambda.send(new GetLayerVersionByArnCommand({ Arn: layerArn("greet", 9) })), "ResourceNotFoundException", NOT_FOUND, 404);
    await fails(h.lambda.send(new GetLayerVersionCommand({ LayerName: "greet", VersionNumber: 0 })), "InvalidParameterValueException", "Layer Version Cannot be less than 1", 400);
    await fails(
      h.lambda.send(new GetLayerVersionByArnCommand({ Arn: layerArn("greet") })),
      "ValidationException",
      `1 validation error detected: Value '${layerArn("greet")}' at 'arn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+`,
      400,
    );
  });

  test("ListLayerVersions lists newest first, filters and pages", async () => {
    await h.lambda.send(new PublishLayerVersionCommand({ LayerName: "greet", Content: { ZipFile: layerZip }, CompatibleRuntimes: ["nodejs20.x"], CompatibleArchitectures: ["arm64", "x86_64"] }));
    const all = await h.lambda.send(new ListLayerVersionsCommand({ LayerName: "greet" }));
    assert.deepEqual(all.LayerVersions?.map((v) => v.Version), [3, 2, 1]);
    assert.equal(all.LayerVersions?.[2].LayerVersionArn, layerArn("greet", 1));
    assert.equal(all.LayerVersions?.[2].LicenseInfo, "MIT");
    const node20 = await h.lambda.send(new ListLayerVersionsCommand({ LayerName: "greet", CompatibleRuntime: "nodejs20.x" }));
    assert.deepEqual(node20.LayerVersions?.map((v) => v.Version), [3, 1]);
    const arm = await h.lambda.send(new ListLayerVersionsCommand({ LayerName: "greet", CompatibleArchitecture: "arm64" }));
    assert.deepEqual(arm.LayerVersions?.map((v) => v.Version), [3, 2]);
    const both = await h.lambda.send(new ListLayerVersionsCommand({ LayerName: "greet", CompatibleRuntime: "nodejs20.x", CompatibleArchitecture: "x86_64" }));
    assert.deepEqual(both.LayerVersions?.map((v) => v.Version), [3, 1]);
    const first = await h.lambda.send(new ListLayerVersionsCommand({ LayerName: "greet", MaxItems: 2 }));
    assert.deepEqual(first.LayerVersions?.map((v) => v.Version), [3, 2]);
    const rest = await h.lambda.send(new ListLayerVersionsCommand({ LayerName: "greet", MaxItems: 2, Marker: first.NextMarker }));
    assert.deepEqual(rest.LayerVersions?.map((v) => v.Version), [1]);
    assert.equal(rest.NextMarker, undefined);
    const none = await h.lambda.send(new ListLayerVersionsCommand({ LayerName: "nothing" }));
    assert.deepEqual(none.LayerVersions, []);
  });

  test("ListLayers shows each layer's latest matching version", async () => {
    const c = accountClient(h, "300000000001");
    await c.send(new PublishLayerVersionCommand({ LayerName: "b-layer", Content: { ZipFile: layerZip }, CompatibleRuntimes: ["python3.12"] }));
    await c.send(new PublishLayerVersionCommand({ LayerName: "a-layer", Content: { ZipFile: layerZip }, CompatibleRuntimes: ["nodejs20.x"] }));
    await c.send(new PublishLayerVersionCommand({ LayerName: "a-layer", Content: { ZipFile: layerZip }, CompatibleRuntimes: ["python3.12"] }));
    const all = await c.send(new ListLayersCommand({}));
    assert.deepEqual(all.Layers?.map((l) => [l.LayerName, l.LayerArn, l.LatestMatchingVersion?.Version]), [
      ["a-layer", "arn:aws:lambda:us-east-1:300000000001:layer:a-layer", 2],
      ["b-layer", "arn:aws:lambda:us-east-1:300000000001:layer:b-layer", 1],
    ]);
    const node = await c.send(new ListLayersCommand({ CompatibleRuntime: "nodejs20.x" }));
    assert.deepEqual(node.Layers?.map((l) => [l.LayerName, l.LatestMatchingVersion?.LayerVersionArn]), [["a-layer", "arn:aws:lambda:us-east-1:300000000001:layer:a-layer:1"]]);
    const first = await c.send(new ListLayersCommand({ MaxItems: 1 }));
    assert.deepEqual(first.Layers?.map((l) => l.LayerName), ["a-layer"]);
    const rest = await c.send(new ListLayersCommand({ MaxItems: 1, Marker: first.NextMarker }));
    assert.deepEqual(rest.Layers?.map((l) => l.LayerName), ["b-layer"]);
    await fails(
      c.send(new ListLayersCommand({ CompatibleArchitecture: "sparc" as never })),
      "ValidationException",
      "1 validation error detected: Value 'sparc' at 'compatibleArchitecture' failed to satisfy constraint: Member must satisfy enum value set: [x86_64, arm64]",
      400,
    );
    await fails(
      c.send(new ListLayersCommand({ MaxItems: 51 })),
      "ValidationException",
      "1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 50",
      400,
    );
  });

  test("DeleteLayerVersion is idempotent, never reuses numbers, and leaves functions configured with it alone", async () => {
    const v = await h.lambda.send(new PublishLayerVersionCommand({ LayerName: "gone", Content: { ZipFile: layerZip } }));
    await createFunction(h, "uses-gone", { Layers: [v.LayerVersionArn!] });
    const deleted = await h.lambda.send(new DeleteLayerVersionCommand({ LayerName: "gone", VersionNumber: 1 }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await h.lambda.send(new DeleteLayerVersionCommand({ LayerName: "gone", VersionNumber: 1 }));
    await h.lambda.send(new DeleteLayerVersionCommand({ LayerName: "never-was", VersionNumber: 4 }));
    await fails(h.lambda.send(new GetLayerVersionCommand({ LayerName: "gone", VersionNumber: 1 })), "ResourceNotFoundException", NOT_FOUND, 404);
    const next = await h.lambda.send(new PublishLayerVersionCommand({ LayerName: "gone", Content: { ZipFile: layerZip } }));
    assert.equal(next.Version, 2);
    const config = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "uses-gone" }));
    assert.deepEqual(config.Layers, [{ Arn: layerArn("gone", 1), CodeSize: layerZip.length }]);
    assert.deepEqual((await h.lambda.send(new ListLayersCommand({}))).Layers?.find((l) => l.LayerName === "gone")?.LatestMatchingVersion?.Version, 2);
  });

  test("invalid names and attributes are ValidationExceptions", async () => {
    const publish = (over: object) => h.lambda.send(new PublishLayerVersionCommand({ LayerName: "bad", Content: { ZipFile: layerZip }, ...over }));
    await fails(
      publish({ LayerName: "bad name" }),
      "ValidationException",
      "1 validation error detected: Value 'bad name' at 'layerName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+",
      400,
    );
    await fails(
      publish({ CompatibleArchitectures: ["x86_64", "arm64", "x86_64"] }),
      "ValidationException",
      "1 validation error detected: Value '[x86_64, arm64, x86_64]' at 'compatibleArchitectures' failed to satisfy constraint: Member must have length less than or equal to 2",
      400,
    );
    await fails(
      publish({ CompatibleRuntimes: Array.from({ length: 16 }, () => "nodejs20.x") }),
      "ValidationException",
      `1 validation error detected: Value '[${Array.from({ length: 16 }, () => "nodejs20.x").join(", ")}]' at 'compatibleRuntimes' failed to satisfy constraint: Member must have length less than or equal to 15`,
      400,
    );
    const err = await rejection(publish({ CompatibleRuntimes: ["cobol85"] }));
    assert.equal(err.name, "ValidationException");
    assert.match(err.message, /^1 validation error detected: Value '\[cobol85\]' at 'compatibleRuntimes' failed to satisfy constraint: Member must satisfy enum value set: \[.*nodejs20\.x.*\]$/);
    await fails(
      publish({ LicenseInfo: "x".repeat(513) }),
      "ValidationException",
      `1 validation error detected: Value '${"x".repeat(513)}' at 'licenseInfo' failed to satisfy constraint: Member must have length less than or equal to 512`,
      400,
    );
    await fails(publish({ Content: {} }), "InvalidParameterValueException", "Please provide a source for function code.", 400);
    await fails(h.lambda.send(new GetLayerVersionCommand({ LayerName: "bad", VersionNumber: 1 })), "ResourceNotFoundException", NOT_FOUND, 404);
  });
});
