/**
 * AddPermission: adds a statement to the resource policy of the function, a version or an
 * alias (not `$LATEST`). Statement ids are unique per function and qualifier.
 * https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html
 */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import type { LambdaService } from "../lambda-service.js";
import { buildStatement, checkPermissionInput, checkPolicySize, policyKey, statementsOf, type PermissionInput } from "../policy.js";
import { checkQualifier, requireTarget } from "../qualifier-target.js";
import { checkRevision } from "../revisions.js";

type Input = PermissionInput & { FunctionName: string; Qualifier?: string; RevisionId?: string };

export async function addPermission(input: Input, ctx: RequestContext, lambda: LambdaService) {
  checkPermissionInput(input);
  checkQualifier(input.Qualifier);
  const { fn, ref } = lambda.functions.require(input.FunctionName, ctx, input.Qualifier);
  if (ref.qualifier === "$LATEST") throw LambdaErrors.invalidParameter("We currently do not support adding policies for $LATEST.");
  const target = requireTarget(fn, ref.qualifier);
  checkRevision(target.revisionId(), input.RevisionId);
  const existing = statementsOf(fn, ref.qualifier);
  if (existing.some((s) => s.Sid === input.StatementId)) {
    throw LambdaErrors.conflict(`The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  const statement = buildStatement(input, target.arn);
  const statements = [...existing, statement];
  checkPolicySize(statements);
  fn.policies[policyKey(ref.qualifier)] = statements;
  target.bumpRevision();
  await lambda.functions.save(fn);
  return { Statement: JSON.stringify(statement) };
}
