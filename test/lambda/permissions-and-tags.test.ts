/**
 * Resource policies (AddPermission, RemovePermission, GetPolicy) and tags (TagResource,
 * UntagResource, ListTags) through the real LambdaClient.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AddPermissionCommand,
  CreateAliasCommand,
  DeleteAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  ListTagsCommand,
  PublishVersionCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-lambda";
import { rejection } from "../helpers/stratus.js";
import { ACCOUNT, createFunction, fails, functionArn, type LambdaHarness, startLambda } from "./support.js";

let h: LambdaHarness;
before(async () => {
  h = await startLambda();
});
after(() => h.server.stop());

describe("AddPermission, GetPolicy, RemovePermission", () => {
  before(async () => {
    await createFunction(h, "pol");
    await h.lambda.send(new PublishVersionCommand({ FunctionName: "pol" }));
    await h.lambda.send(new CreateAliasCommand({ FunctionName: "pol", Name: "live", FunctionVersion: "1" }));
  });

  test("a service principal with SourceArn and SourceAccount becomes AWS's statement JSON", async () => {
    const out = await h.lambda.send(
      new AddPermissionCommand({ FunctionName: "pol", StatementId: "s3-invoke", Action: "lambda:InvokeFunction", Principal: "s3.amazonaws.com", SourceArn: "arn:aws:s3:::my-bucket", SourceAccount: "123456789012" }),
    );
    assert.equal(out.$metadata.httpStatusCode, 201);
    assert.equal(
      out.Statement,
      `{"Sid":"s3-invoke","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"${functionArn("pol")}","Condition":{"StringEquals":{"AWS:SourceAccount":"123456789012"},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::my-bucket"}}}`,
    );
  });

  test("account, wildcard and IAM ARN principals; organization and function URL conditions", async () => {
    const account = await h.lambda.send(new AddPermissionCommand({ FunctionName: "pol", StatementId: "acct", Action: "lambda:GetFunction", Principal: "111122223333" }));
    assert.deepEqual(JSON.parse(account.Statement!).Principal, { AWS: "arn:aws:iam::111122223333:root" });
    const everyone = await h.lambda.send(new AddPermissionCommand({ FunctionName: "pol", StatementId: "org", Action: "lambda:*", Principal: "*", PrincipalOrgID: "o-a1b2c3d4e5" }));
    assert.deepEqual(JSON.parse(everyone.Statement!), {
      Sid: "org",
      Effect: "Allow",
      Principal: "*",
      Action: "lambda:*",
      Resource: functionArn("pol"),
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
    });
    const role = await h.lambda.send(
      new AddPermissionCommand({ FunctionName: "pol", StatementId: "url", Action: "lambda:InvokeFunctionUrl", Principal: "arn:aws:iam::111122223333:role/caller", FunctionUrlAuthType: "AWS_IAM" }),
    );
    assert.deepEqual(JSON.parse(role.Statement!).Principal, { AWS: "arn:aws:iam::111122223333:role/caller" });
    assert.deepEqual(JSON.parse(role.Statement!).Condition, { StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } });
  });

  test("GetPolicy returns the document with every statement and the function's RevisionId", async () => {
    const out = await h.lambda.send(new GetPolicyCommand({ FunctionName: "pol" }));
    const policy = JSON.parse(out.Policy!);
    assert.equal(policy.Version, "2012-10-17");
    assert.equal(policy.Id, "default");
    assert.deepEqual(policy.Statement.map((s: { Sid: string }) => s.Sid), ["s3-invoke", "acct", "org", "url"]);
    const config = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "pol" }));
    assert.equal(out.RevisionId, config.RevisionId);
  });

  test("a statement id is unique per function and qualifier", async () => {
    await fails(
      h.lambda.send(new AddPermissionCommand({ FunctionName: "pol", StatementId: "s3-invoke", Action: "lambda:InvokeFunction", Principal: "sns.amazonaws.com" })),
      "ResourceConflictException",
      "The statement id (s3-invoke) provided already exists. Please provide a new statement id, or remove the existing statement.",
      409,
    );
    // The same id on the alias is another policy.
    const onAlias = await h.lambda.send(new AddPermissionCommand({ FunctionName: "pol", Qualifier: "live", StatementId: "s3-invoke", Action: "lambda:InvokeFunction", Principal: "sns.amazonaws.com" }));
    assert.equal(JSON.parse(onAlias.Statement!).Resource, functionArn("pol", "live"));
    const aliasPolicy = JSON.parse((await h.lambda.send(new GetPolicyCommand({ FunctionName: "pol", Qualifier: "live" }))).Policy!);
    assert.deepEqual(aliasPolicy.Statement.map((s: { Principal: unknown }) => s.Principal), [{ Service: "sns.amazonaws.com" }]);
    await fails(h.lambda.send(new GetPolicyCommand({ FunctionName: "pol", Qualifier: "1" })), "ResourceNotFoundException", "The resource you requested does not exist.", 404);
  });

  test("qualifiers must exist; $LATEST takes no policy", async () => {
    const add = (Qualifier: string) => h.lambda.send(new AddPermissionCommand({ FunctionName: "pol", Qualifier, StatementId: "q", Action: "lambda:InvokeFunction", Principal: "*" }));
    await fails(add("$LATEST"), "InvalidParameterValueException", "We currently do not support adding policies for $LATEST.", 400);
    await fails(add("9"), "ResourceNotFoundException", `Function not found: ${functionArn("pol", "9")}`, 404);
    await fails(add("nope"), "ResourceNotFoundException", `Cannot find alias arn: ${functionArn("pol", "nope")}`, 404);
    const v1 = await add("1");
    assert.equal(JSON.parse(v1.Statement!).Resource, functionArn("pol", "1"));
  });

  test("RevisionId guards the policy, and each change gives a new one", async () => {
    const before = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "pol" }));
    await fails(
      h.lambda.send(new AddPermissionCommand({ FunctionName: "pol", StatementId: "rev", Action: "lambda:InvokeFunction", Principal: "*", RevisionId: "stale" })),
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
      412,
    );
    await h.lambda.send(new AddPermissionCommand({ FunctionName: "pol", StatementId: "rev", Action: "lambda:InvokeFunction", Principal: "*", RevisionId: before.RevisionId }));
    const after = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "pol" }));
    assert.notEqual(after.RevisionId, before.RevisionId);
    await fails(
      h.lambda.send(new RemovePermissionCommand({ FunctionName: "pol", StatementId: "rev", RevisionId: before.RevisionId })),
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
      412,
    );
    await h.lambda.send(new RemovePermissionCommand({ FunctionName: "pol", StatementId: "rev", RevisionId: after.RevisionId }));
  });

  test("invalid members are ValidationExceptions; an unknown principal form is refused", async () => {
    const add = (over: Record<string, string>) => h.lambda.send(new AddPermissionCommand({ FunctionName: "pol", StatementId: "v", Action: "lambda:InvokeFunction", Principal: "*", ...over }));
    await fails(add({ StatementId: "bad id!" }), "ValidationException", "1 validation error detected: Value 'bad id!' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)", 400);
    await fails(add({ Action: "s3:GetObject" }), "ValidationException", "1 validation error detected: Value 's3:GetObject' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])", 400);
    await fails(add({ SourceAccount: "12345" }), "ValidationException", "1 validation error detected: Value '12345' at 'sourceAccount' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}", 400);
    await fails(add({ FunctionUrlAuthType: "BASIC" }), "ValidationException", "1 validation error detected: Value 'BASIC' at 'functionUrlAuthType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, AWS_IAM]", 400);
    await fails(add({ Principal: "somebody" }), "InvalidParameterValueException", "The provided principal was invalid. Please check the principal and try again.", 400);
  });

  test("a policy past 20 KB is a PolicyLengthExceededException", async () => {
    await createFunction(h, "pol-big");
    const sourceArn = `arn:aws:sns:us-east-1:${ACCOUNT}:${"t".repeat(200)}`;
    let err: any;
    for (let i = 0; i < 200 && !err; i++) {
      err = await h.lambda
        .send(new AddPermissionCommand({ FunctionName: "pol-big", StatementId: `s${i}`, Action: "lambda:InvokeFunction", Principal: "sns.amazonaws.com", SourceArn: sourceArn }))
        .then(() => undefined, (e: unknown) => e);
    }
    assert.equal(err?.name, "PolicyLengthExceededException");
    assert.equal(err.message, "The final policy size (bytes) is bigger than the limit.");
    const policy = (await h.lambda.send(new GetPolicyCommand({ FunctionName: "pol-big" }))).Policy!;
    assert.ok(Buffer.byteLength(policy) <= 20_480);
    assert.ok(Buffer.byteLength(policy) > 20_480 - 500);
  });

  test("RemovePermission: unknown statements and empty policies are not found; the last removal drops the policy", async () => {
    await createFunction(h, "pol-rm");
    await fails(h.lambda.send(new RemovePermissionCommand({ FunctionName: "pol-rm", StatementId: "x" })), "ResourceNotFoundException", "No policy is associated with the given resource.", 404);
    await h.lambda.send(new AddPermissionCommand({ FunctionName: "pol-rm", StatementId: "only", Action: "lambda:InvokeFunction", Principal: "events.amazonaws.com" }));
    await fails(h.lambda.send(new RemovePermissionCommand({ FunctionName: "pol-rm", StatementId: "other" })), "ResourceNotFoundException", "Statement other is not found in resource policy.", 404);
    const removed = await h.lambda.send(new RemovePermissionCommand({ FunctionName: "pol-rm", StatementId: "only" }));
    assert.equal(removed.$metadata.httpStatusCode, 204);
    await fails(h.lambda.send(new GetPolicyCommand({ FunctionName: "pol-rm" })), "ResourceNotFoundException", "The resource you requested does not exist.", 404);
    await fails(h.lambda.send(new RemovePermissionCommand({ FunctionName: "pol-none", StatementId: "x" })), "ResourceNotFoundException", `No policy found for: ${functionArn("pol-none")}`, 404);
    await fails(h.lambda.send(new GetPolicyCommand({ FunctionName: "pol-none" })), "ResourceNotFoundException", `Function not found: ${functionArn("pol-none")}`, 404);
  });
});

describe("policies of deleted aliases and versions", () => {
  // delete-alias.ts and delete-function.ts (with a Qualifier) drop the event invoke config of
  // what they delete but not its policy, so a new alias or version of the same name inherits it.
  test("go with them", async () => {
    await createFunction(h, "pol-gone");
    await h.lambda.send(new PublishVersionCommand({ FunctionName: "pol-gone" }));
    await h.lambda.send(new CreateAliasCommand({ FunctionName: "pol-gone", Name: "a", FunctionVersion: "1" }));
    await h.lambda.send(new AddPermissionCommand({ FunctionName: "pol-gone", Qualifier: "a", StatementId: "s", Action: "lambda:InvokeFunction", Principal: "*" }));
    await h.lambda.send(new DeleteAliasCommand({ FunctionName: "pol-gone", Name: "a" }));
    await h.lambda.send(new CreateAliasCommand({ FunctionName: "pol-gone", Name: "a", FunctionVersion: "1" }));
    await fails(h.lambda.send(new GetPolicyCommand({ FunctionName: "pol-gone", Qualifier: "a" })), "ResourceNotFoundException", "The resource you requested does not exist.", 404);
  });
});

describe("TagResource, UntagResource, ListTags", () => {
  before(() => createFunction(h, "tagged", { Tags: { env: "test" } }));

  test("tags add, overwrite and remove; GetFunction shows them", async () => {
    const arn = functionArn("tagged");
    const tagged = await h.lambda.send(new TagResourceCommand({ Resource: arn, Tags: { env: "prod", team: "core" } }));
    assert.equal(tagged.$metadata.httpStatusCode, 204);
    assert.deepEqual((await h.lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, { env: "prod", team: "core" });
    await h.lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ["env", "missing"] }));
    assert.deepEqual((await h.lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, { team: "core" });
    assert.deepEqual((await h.lambda.send(new GetFunctionCommand({ FunctionName: "tagged" }))).Tags, { team: "core" });
    await h.lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ["team"] }));
    assert.deepEqual((await h.lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, {});
  });

  test("qualified ARNs, bad ARNs, unknown functions and bad tags are refused", async () => {
    await fails(
      h.lambda.send(new TagResourceCommand({ Resource: functionArn("tagged", "1"), Tags: { a: "b" } })),
      "InvalidParameterValueException",
      "Tags on function aliases and versions are not supported. Please specify a function ARN.",
      400,
    );
    await fails(h.lambda.send(new ListTagsCommand({ Resource: functionArn("tagged", "live") })), "InvalidParameterValueException", "Tags on function aliases and versions are not supported. Please specify a function ARN.", 400);
    const err = await rejection(h.lambda.send(new ListTagsCommand({ Resource: "tagged" })));
    assert.equal(err.name, "ValidationException");
    assert.match(err.message, /^1 validation error detected: Value 'tagged' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:/);
    await fails(h.lambda.send(new ListTagsCommand({ Resource: functionArn("ghost") })), "ResourceNotFoundException", `Function not found: ${functionArn("ghost")}`, 404);
    await fails(h.lambda.send(new TagResourceCommand({ Resource: functionArn("tagged"), Tags: { "aws:reserved": "x" } })), "InvalidParameterValueException", "Tag keys starting with 'aws:' are reserved.", 400);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    await fails(h.lambda.send(new TagResourceCommand({ Resource: functionArn("tagged"), Tags: many })), "InvalidParameterValueException", "Number of tags exceeds resource tag limit (50).", 400);
    assert.deepEqual((await h.lambda.send(new ListTagsCommand({ Resource: functionArn("tagged") }))).Tags, {});
  });
});
