/**
 * DeleteFunction: the whole function, or one version with a Qualifier (not $LATEST, not a version an alias points to).
 * https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunction.html
 */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import type { LambdaService } from "../lambda-service.js";
import { functionArn } from "../names.js";
import { poolKeyPrefix } from "../pool-keys.js";

export async function deleteFunction(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext, lambda: LambdaService) {
  const { fn, ref } = lambda.functions.require(input.FunctionName, ctx, input.Qualifier);
  const q = ref.qualifier;
  if (q === undefined) {
    await lambda.functions.remove(fn);
    await lambda.engine.retire(poolKeyPrefix(fn));
    return {};
  }
  if (q === "$LATEST") throw LambdaErrors.invalidParameter("$LATEST version cannot be deleted without deleting the function.");
  if (!/^\d+$/.test(q)) throw LambdaErrors.invalidParameter("Deletion of aliases is not supported.");
  if (!fn.versions[q]) throw LambdaErrors.functionNotFound(functionArn(fn, q));
  const aliases = Object.values(fn.aliases).filter((a) => a.FunctionVersion === q || a.RoutingConfig?.AdditionalVersionWeights?.[q] !== undefined);
  if (aliases.length) throw LambdaErrors.conflict(`Unable to delete version because the following aliases reference it: [${aliases.map((a) => a.Name).join(", ")}]`);
  delete fn.versions[q];
  delete fn.eventInvokeConfigs[q];
  delete fn.policies[q];
  await lambda.functions.save(fn);
  await lambda.engine.retire(poolKeyPrefix(fn, q));
  return {};
}
