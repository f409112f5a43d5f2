/** UpdateFunctionCode: https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionCode.html */
import { randomUUID } from "node:crypto";
import type { RequestContext } from "../../../core/service.js";
import { codeSha256, readCode, type CodeInput } from "../code-input.js";
import { LambdaErrors } from "../errors.js";
import { beginTransition, publish, requireReady } from "../function-versions.js";
import type { LambdaService } from "../lambda-service.js";
import { lambdaTimestamp } from "../names.js";
import { retireRevision } from "../pool-keys.js";
import { checkRevision } from "../revisions.js";

type Input = CodeInput & { FunctionName: string; Publish?: boolean; DryRun?: boolean; RevisionId?: string; Architectures?: string[] };

export async function updateFunctionCode(input: Input, ctx: RequestContext, lambda: LambdaService) {
  const { fn, ref } = lambda.functions.require(input.FunctionName, ctx);
  if (ref.qualifier) throw LambdaErrors.invalidParameter("Qualifiers are not supported by UpdateFunctionCode.");
  const latest = fn.latest;
  requireReady(latest.config, "update");
  checkRevision(latest.config.RevisionId, input.RevisionId);
  const code = await readCode(input, lambda.code);
  if (input.DryRun) return { ...latest.config, CodeSha256: codeSha256(code), CodeSize: code.size };
  latest.code = code;
  latest.config.CodeSha256 = codeSha256(code);
  latest.config.CodeSize = code.size;
  if (input.Architectures) latest.config.Architectures = input.Architectures;
  latest.config.LastModified = lambdaTimestamp(ctx.clock.now());
  const replaced = latest.config.RevisionId;
  latest.config.RevisionId = randomUUID();
  const published = input.Publish ? publish(fn, undefined, ctx.clock.now()) : undefined;
  beginTransition(latest, "update", ctx.clock, () => lambda.functions.save(fn));
  await lambda.functions.save(fn);
  await retireRevision(lambda.engine, fn, "$LATEST", replaced);
  return { ...(published ? published.record.config : latest.config) };
}
