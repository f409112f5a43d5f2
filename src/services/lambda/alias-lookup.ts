import type { RequestContext } from "../../core/service.js";
import { aliasArn } from "./aliases.js";
import { LambdaErrors } from "./errors.js";
import type { LambdaService } from "./lambda-service.js";
import type { AliasRecord, FunctionRecord } from "./types.js";

/** The alias a (FunctionName, Name) pair names, or ResourceNotFoundException as AWS words it. */
export function requireAlias(lambda: LambdaService, functionName: string, name: string, ctx: RequestContext): { fn: FunctionRecord; alias: AliasRecord } {
  const { fn } = lambda.functions.require(functionName, ctx);
  const alias = fn.aliases[name];
  if (!alias) throw LambdaErrors.notFound(`Cannot find alias arn: ${aliasArn(fn, name)}`);
  return { fn, alias };
}
