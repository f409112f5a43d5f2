/**
 * GetPolicy: the resource policy of the function, a version or an alias, as a JSON string,
 * with the RevisionId of what it is attached to.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html
 */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import type { LambdaService } from "../lambda-service.js";
import { policyDocument, statementsOf } from "../policy.js";
import { checkQualifier, requireTarget, targetExists } from "../qualifier-target.js";

export function getPolicy(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext, lambda: LambdaService) {
  checkQualifier(input.Qualifier);
  const { fn, ref } = lambda.functions.require(input.FunctionName, ctx, input.Qualifier);
  const statements = targetExists(fn, ref.qualifier) ? statementsOf(fn, ref.qualifier) : [];
  if (statements.length === 0) throw LambdaErrors.notFound("The resource you requested does not exist.");
  return { Policy: policyDocument(statements), RevisionId: requireTarget(fn, ref.qualifier).revisionId() };
}
