/**
 * PublishVersion: snapshots $LATEST; publishing an unchanged $LATEST returns the latest version.
 * https://docs.aws.amazon.com/lambda/latest/api/API_PublishVersion.html
 */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import { publish, requireReady } from "../function-versions.js";
import type { LambdaService } from "../lambda-service.js";
import { checkRevision } from "../revisions.js";

export async function publishVersion(input: { FunctionName: string; CodeSha256?: string; Description?: string; RevisionId?: string }, ctx: RequestContext, lambda: LambdaService) {
  const { fn, ref } = lambda.functions.require(input.FunctionName, ctx);
  if (ref.qualifier) throw LambdaErrors.invalidParameter("Qualifiers are not supported by PublishVersion.");
  requireReady(fn.latest.config, "update");
  checkRevision(fn.latest.config.RevisionId, input.RevisionId);
  if (input.CodeSha256 !== undefined && input.CodeSha256 !== fn.latest.config.CodeSha256) {
    throw LambdaErrors.invalidParameter(`CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${fn.latest.config.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`);
  }
  const result = publish(fn, input.Description, ctx.clock.now());
  if (result.created) await lambda.functions.save(fn);
  return { ...result.record.config };
}
