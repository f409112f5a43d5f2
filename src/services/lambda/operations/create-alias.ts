/** CreateAlias: https://docs.aws.amazon.com/lambda/latest/api/API_CreateAlias.html */
import { randomUUID } from "node:crypto";
import type { RequestContext } from "../../../core/service.js";
import { aliasArn, checkAliasName, checkRouting, checkTargetVersion } from "../aliases.js";
import { LambdaErrors } from "../errors.js";
import type { LambdaService } from "../lambda-service.js";
import type { AliasRecord } from "../types.js";

type Input = { FunctionName: string; Name: string; FunctionVersion: string; Description?: string; RoutingConfig?: AliasRecord["RoutingConfig"] };

export async function createAlias(input: Input, ctx: RequestContext, lambda: LambdaService) {
  const { fn } = lambda.functions.require(input.FunctionName, ctx);
  checkAliasName(input.Name);
  if (fn.aliases[input.Name]) throw LambdaErrors.conflict(`Alias already exists: ${aliasArn(fn, input.Name)}`);
  checkTargetVersion(fn, input.FunctionVersion);
  checkRouting(fn, input.FunctionVersion, input.RoutingConfig);
  const alias: AliasRecord = {
    Name: input.Name,
    AliasArn: aliasArn(fn, input.Name),
    FunctionVersion: input.FunctionVersion,
    Description: input.Description ?? "",
    RoutingConfig: input.RoutingConfig?.AdditionalVersionWeights && Object.keys(input.RoutingConfig.AdditionalVersionWeights).length ? input.RoutingConfig : undefined,
    RevisionId: randomUUID(),
  };
  fn.aliases[input.Name] = alias;
  await lambda.functions.save(fn);
  return { ...alias };
}
