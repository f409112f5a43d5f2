/** GetLayerVersion: https://docs.aws.amazon.com/lambda/latest/api/API_GetLayerVersion.html */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import { checkVersionNumber, parseLayerName } from "../layer-input.js";
import { layerVersionOutput } from "../layer-output.js";
import type { LambdaService } from "../lambda-service.js";

export function getLayerVersion(input: { LayerName: string; VersionNumber: number }, ctx: RequestContext, lambda: LambdaService) {
  const ref = parseLayerName(input.LayerName, ctx);
  checkVersionNumber(input.VersionNumber);
  const layer = lambda.layers.get(ref.accountId, ref.region, ref.layerName, input.VersionNumber);
  if (!layer) throw LambdaErrors.notFound("The resource you requested does not exist.");
  return layerVersionOutput(layer, ctx.endpoint);
}
