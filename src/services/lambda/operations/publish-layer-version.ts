/**
 * PublishLayerVersion: creates the next version of a layer (the layer itself on first use).
 * Version numbers only grow, even after versions are deleted.
 * https://docs.aws.amazon.com/lambda/latest/api/API_PublishLayerVersion.html
 */
import type { RequestContext } from "../../../core/service.js";
import { accountUsage } from "../account-usage.js";
import { readCode, type CodeInput } from "../code-input.js";
import { LambdaErrors } from "../errors.js";
import { checkLayerAttributes, parseLayerName } from "../layer-input.js";
import { layerVersionOutput } from "../layer-output.js";
import type { LambdaService } from "../lambda-service.js";
import { MAX_TOTAL_CODE_BYTES } from "../limits.js";
import { lambdaTimestamp } from "../names.js";
import type { LayerVersionRecord } from "../types.js";

type Input = {
  LayerName: string;
  Content: CodeInput;
  Description?: string;
  CompatibleRuntimes?: string[];
  CompatibleArchitectures?: string[];
  LicenseInfo?: string;
};

export async function publishLayerVersion(input: Input, ctx: RequestContext, lambda: LambdaService) {
  const ref = parseLayerName(input.LayerName, ctx);
  if (ref.accountId !== ctx.accountId || ref.region !== ctx.region) {
    throw LambdaErrors.invalidParameter(`Layers can only be published in the caller's own account and region: ${input.LayerName}`);
  }
  checkLayerAttributes(input);
  const code = await readCode(input.Content, lambda.code);
  if (accountUsage(lambda, ref.accountId, ref.region).TotalCodeSize + code.size > MAX_TOTAL_CODE_BYTES) throw LambdaErrors.codeStorageExceeded();
  // Numbered after the upload, and added at once, so concurrent publishes get distinct numbers.
  const layer: LayerVersionRecord = {
    ...ref,
    version: lambda.layers.nextVersion(ref.accountId, ref.region, ref.layerName),
    description: input.Description ?? "",
    compatibleRuntimes: input.CompatibleRuntimes,
    compatibleArchitectures: input.CompatibleArchitectures,
    licenseInfo: input.LicenseInfo,
    createdDate: lambdaTimestamp(ctx.clock.now()),
    code,
  };
  await lambda.layers.add(layer);
  return layerVersionOutput(layer, ctx.endpoint);
}
