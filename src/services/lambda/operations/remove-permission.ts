/**
 * RemovePermission: removes one statement from the resource policy of the function, a
 * version or an alias; the policy goes away with its last statement.
 * https://docs.aws.amazon.com/lambda/latest/api/API_RemovePermission.html
 */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import type { LambdaService } from "../lambda-service.js";
import { functionArn, parseFunctionName } from "../names.js";
import { policyKey, statementsOf } from "../policy.js";
import { checkQualifier, requireTarget } from "../qualifier-target.js";
import { checkRevision } from "../revisions.js";

export async function removePermission(input: { FunctionName: string; StatementId: string; Qualifier?: string; RevisionId?: string }, ctx: RequestContext, lambda: LambdaService) {
  checkQualifier(input.Qualifier);
  const ref = parseFunctionName(input.FunctionName, ctx, input.Qualifier);
  const fn = ref.accountId === ctx.accountId ? lambda.functions.find(ref) : undefined;
  if (!fn) throw LambdaErrors.notFound(`No policy found for: ${functionArn(ref)}`);
  const target = requireTarget(fn, ref.qualifier);
  const statements = statementsOf(fn, ref.qualifier);
  if (statements.length === 0) throw LambdaErrors.notFound("No policy is associated with the given resource.");
  if (!statements.some((s) => s.Sid === input.StatementId)) throw LambdaErrors.notFound(`Statement ${input.StatementId} is not found in resource policy.`);
  checkRevision(target.revisionId(), input.RevisionId);
  const rest = statements.filter((s) => s.Sid !== input.StatementId);
  if (rest.length) fn.policies[policyKey(ref.qualifier)] = rest;
  else delete fn.policies[policyKey(ref.qualifier)];
  target.bumpRevision();
  await lambda.functions.save(fn);
  return {};
}
