/**
 * DeleteLayerVersion: removes a layer version (succeeds when it is already gone). Its number
 * is never reused, and functions configured with it keep their copy of its code.
 * https://docs.aws.amazon.com/lambda/latest/api/API_DeleteLayerVersion.html
 */
import type { RequestContext } from "../../../core/service.js";
import { checkVersionNumber, parseLayerName } from "../layer-input.js";
import type { LambdaService } from "../lambda-service.js";

export async function deleteLayerVersion(input: { LayerName: string; VersionNumber: number }, ctx: RequestContext, lambda: LambdaService) {
  const ref = parseLayerName(input.LayerName, ctx);
  checkVersionNumber(input.VersionNumber);
  const layer = ref.accountId === ctx.accountId ? lambda.layers.get(ref.accountId, ref.region, ref.layerName, input.VersionNumber) : undefined;
  // The code stays in the code store: functions that use this version still run it.
  if (layer) await lambda.layers.remove(layer);
  return {};
}
