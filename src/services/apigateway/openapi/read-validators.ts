/**
 * x-amazon-apigateway-request-validators: the API's request validators by name; the document's
 * x-amazon-apigateway-request-validator names the one methods use unless they name their own.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-request-validators.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-request-validator.html
 */
import type { ValidatorDraft } from "./definition.js";
import { booleanAt, isObject, objectAt } from "./json-value.js";
import type { ReadContext } from "./read-context.js";

export function readValidators(ctx: ReadContext): ValidatorDraft[] {
  const out: ValidatorDraft[] = [];
  for (const [name, raw] of Object.entries(objectAt(ctx.doc["x-amazon-apigateway-request-validators"]) ?? {})) {
    if (!isObject(raw)) {
      ctx.report.error(`Unable to create request validator '${name}': Invalid request validator specified`);
      continue;
    }
    out.push({ name, validateRequestBody: booleanAt(raw.validateRequestBody) ?? false, validateRequestParameters: booleanAt(raw.validateRequestParameters) ?? false });
  }
  return out;
}
