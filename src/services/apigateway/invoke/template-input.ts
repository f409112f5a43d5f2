/**
 * What a mapping template sees of a call: `$input` over a body (the method request's, or the
 * integration response's), the method request parameters, `$context` and `$stageVariables`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 */
import type { MappingTemplateInput } from "../vtl/index.js";
import type { ApiCall } from "./api-call.js";
import { requestContext } from "./request-context.js";

export function templateInput(call: ApiCall, body: string, extraContext: Record<string, unknown> = {}): MappingTemplateInput {
  const header: Record<string, string> = {};
  for (const [k, v] of call.request.headers) header[k] = v;
  const querystring: Record<string, string> = {};
  for (const [k, v] of call.request.query) querystring[k] = v;
  return {
    body,
    params: { path: call.pathParameters, querystring, header },
    context: { ...requestContext(call), ...extraContext },
    stageVariables: call.stage.variables,
  };
}
