/** GetLayerVersionByArn: GetLayerVersion by a layer version ARN. https://docs.aws.amazon.com/lambda/latest/api/API_GetLayerVersionByArn.html */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import { layerVersionOutput } from "../layer-output.js";
import type { LambdaService } from "../lambda-service.js";
import { parseLayerVersionArn } from "../names.js";

export function getLayerVersionByArn(input: { Arn: string }, ctx: RequestContext, lambda: LambdaService) {
  if (input.Arn.length > 140) throw LambdaErrors.validation(input.Arn, "arn", "Member must have length less than or equal to 140");
  const ref = parseLayerVersionArn(input.Arn);
  if (!ref) {
    throw LambdaErrors.validation(input.Arn, "arn", "Member must satisfy regular expression pattern: arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+");
  }
  const layer = ref.version >= 1 ? lambda.layers.get(ref.accountId, ref.region, ref.layerName, ref.version) : undefined;
  if (!layer) throw LambdaErrors.notFound("The resource you requested does not exist.");
  return layerVersionOutput(layer, ctx.endpoint);
}
