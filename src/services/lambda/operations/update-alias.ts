/** UpdateAlias: https://docs.aws.amazon.com/lambda/latest/api/API_UpdateAlias.html */
import { randomUUID } from "node:crypto";
import type { RequestContext } from "../../../core/service.js";
import { requireAlias } from "../alias-lookup.js";
import { checkRouting, checkTargetVersion } from "../aliases.js";
import type { LambdaService } from "../lambda-service.js";
import { checkRevision } from "../revisions.js";
import type { AliasRecord } from "../types.js";

type Input = { FunctionName: string; Name: string; FunctionVersion?: string; Description?: string; RoutingConfig?: AliasRecord["RoutingConfig"]; RevisionId?: string };

export async function updateAlias(input: Input, ctx: RequestContext, lambda: LambdaService) {
  const { fn, alias } = requireAlias(lambda, input.FunctionName, input.Name, ctx);
  checkRevision(alias.RevisionId, input.RevisionId);
  const version = input.FunctionVersion ?? alias.FunctionVersion;
  checkTargetVersion(fn, version);
  const routing = input.RoutingConfig !== undefined ? input.RoutingConfig : alias.RoutingConfig;
  checkRouting(fn, version, routing);
  alias.FunctionVersion = version;
  if (input.Description !== undefined) alias.Description = input.Description;
  // An empty AdditionalVersionWeights map removes the routing.
  alias.RoutingConfig = routing?.AdditionalVersionWeights && Object.keys(routing.AdditionalVersionWeights).length ? routing : undefined;
  alias.RevisionId = randomUUID();
  await lambda.functions.save(fn);
  return { ...alias };
}
