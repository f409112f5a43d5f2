/** CreateFunction: https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html */
import type { RequestContext } from "../../../core/service.js";
import { readCode, type CodeInput } from "../code-input.js";
import { LambdaErrors } from "../errors.js";
import { validateConfig, type ConfigInput } from "../function-config.js";
import { beginTransition, newConfiguration, publish } from "../function-versions.js";
import type { LambdaService } from "../lambda-service.js";
import { parseFunctionName } from "../names.js";
import { validateTags } from "../tags.js";
import type { FunctionRecord } from "../types.js";

type Input = ConfigInput & { FunctionName: string; Code: CodeInput; Publish?: boolean; Tags?: Record<string, string> };

export async function createFunction(input: Input, ctx: RequestContext, lambda: LambdaService) {
  const ref = parseFunctionName(input.FunctionName, ctx);
  if (ref.qualifier) throw LambdaErrors.invalidParameter("Unsupported: a qualifier cannot be part of the name of a new function.");
  validateConfig(input, true);
  const tags = validateTags(input.Tags ?? {});
  if (lambda.functions.find(ref)) throw LambdaErrors.conflict(`Function already exist: ${ref.name}`);
  const code = await readCode(input.Code, lambda.code);
  // Checked again after the upload: another request may have created it meanwhile.
  if (lambda.functions.find(ref)) throw LambdaErrors.conflict(`Function already exist: ${ref.name}`);
  const now = ctx.clock.now();
  const fn: FunctionRecord = {
    accountId: ref.accountId,
    region: ref.region,
    name: ref.name,
    latest: { config: newConfiguration(ref, input, code, lambda.layers, now), code },
    versions: {},
    nextVersion: 1,
    aliases: {},
    tags,
    policies: {},
    eventInvokeConfigs: {},
  };
  lambda.functions.add(fn);
  const published = input.Publish ? publish(fn, undefined, now) : undefined;
  const snapshot = structuredClone(published ? published.record.config : fn.latest.config);
  beginTransition(fn.latest, "create", ctx.clock, () => lambda.functions.save(fn));
  if (published) beginTransition(published.record, "create", ctx.clock, () => lambda.functions.save(fn));
  await lambda.functions.save(fn);
  return { ...snapshot, State: "Pending", StateReason: "The function is being created.", StateReasonCode: "Creating" };
}
