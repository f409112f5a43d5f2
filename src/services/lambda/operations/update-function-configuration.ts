/** UpdateFunctionConfiguration: https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html */
import { randomUUID } from "node:crypto";
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import { validateConfig, type ConfigInput } from "../function-config.js";
import { applyConfig, beginTransition, requireReady } from "../function-versions.js";
import type { LambdaService } from "../lambda-service.js";
import { lambdaTimestamp } from "../names.js";
import { retireRevision } from "../pool-keys.js";
import { isProvided } from "../runtimes.js";
import { checkRevision } from "../revisions.js";

export async function updateFunctionConfiguration(input: ConfigInput & { FunctionName: string; RevisionId?: string }, ctx: RequestContext, lambda: LambdaService) {
  const { fn, ref } = lambda.functions.require(input.FunctionName, ctx);
  if (ref.qualifier) throw LambdaErrors.invalidParameter("Qualifiers are not supported by UpdateFunctionConfiguration.");
  const config = fn.latest.config;
  requireReady(config, "update");
  checkRevision(config.RevisionId, input.RevisionId);
  validateConfig(input, false);
  const runtime = input.Runtime ?? config.Runtime;
  if (!isProvided(runtime) && !(input.Handler ?? config.Handler)) throw LambdaErrors.invalidParameter("Runtime and Handler are mandatory parameters for functions created with Zip Package Type.");
  applyConfig(config, input, lambda.layers, fn);
  config.LastModified = lambdaTimestamp(ctx.clock.now());
  const replaced = config.RevisionId;
  config.RevisionId = randomUUID();
  beginTransition(fn.latest, "update", ctx.clock, () => lambda.functions.save(fn));
  await lambda.functions.save(fn);
  await retireRevision(lambda.engine, fn, "$LATEST", replaced);
  return { ...config };
}
