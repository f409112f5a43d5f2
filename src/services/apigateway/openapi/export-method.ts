/**
 * One method as an OpenAPI operation: operationName → operationId, requestParameters →
 * parameters (string-typed, as AWS exports them), requestModels → requestBody (OpenAPI 3) or a
 * body parameter with consumes (Swagger), methodResponses → responses with their headers and
 * models, then security, the request validator and the integration when asked for.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html
 */
import type { AuthorizerRecord, MethodRecord, RequestValidatorRecord } from "../types.js";
import type { ExportExtensions, ExportKind } from "./export-options.js";
import { exportIntegration } from "./export-integration.js";
import { methodSecurity } from "./export-security.js";
import { isEmpty, type JsonObject } from "./json-value.js";

export interface OperationContext {
  kind: ExportKind;
  ext: ExportExtensions;
  authorizers: Record<string, AuthorizerRecord>;
  validators: Record<string, RequestValidatorRecord>;
}

const IN: Record<string, string> = { path: "path", querystring: "query", multivaluequerystring: "query", header: "header", multivalueheader: "header" };

export function exportOperation(m: MethodRecord, ctx: OperationContext): JsonObject {
  const oas = ctx.kind === "oas30";
  const ref = (model: string) => ({ $ref: oas ? `#/components/schemas/${model}` : `#/definitions/${model}` });
  const parameters: JsonObject[] = [];
  for (const [key, required] of Object.entries(m.requestParameters ?? {})) {
    const match = /^method\.request\.([a-z]+)\.(.+)$/.exec(key);
    if (!match || !IN[match[1]]) continue;
    const where = IN[match[1]];
    const isRequired = required || where === "path";
    parameters.push(oas ? { name: match[2], in: where, ...(isRequired ? { required: true } : {}), schema: { type: "string" } } : { name: match[2], in: where, required: isRequired, type: "string" });
  }
  const requestModels = m.requestModels ?? {};
  if (!oas && !isEmpty(requestModels)) {
    const model = Object.values(requestModels)[0];
    parameters.push({ in: "body", name: model, required: true, schema: ref(model) });
  }
  const responses: JsonObject = {};
  const produces = new Set<string>();
  for (const r of Object.values(m.methodResponses ?? {})) {
    const headers: JsonObject = {};
    for (const [key, required] of Object.entries(r.responseParameters ?? {})) {
      const header = /^method\.response\.header\.(.+)$/.exec(key)?.[1];
      // `required` travels only when set, so that a re-import gives the same method response.
      if (header) headers[header] = { ...(required ? { required: true } : {}), ...(oas ? { schema: { type: "string" } } : { type: "string" }) };
    }
    const models = Object.entries(r.responseModels ?? {});
    for (const [ct] of models) produces.add(ct);
    responses[r.statusCode] = {
      description: `${r.statusCode} response`,
      ...(oas ? {} : models.length > 0 ? { schema: ref(models[0][1]) } : {}),
      ...(!isEmpty(headers) ? { headers } : {}),
      ...(oas ? { content: Object.fromEntries(models.map(([ct, model]) => [ct, { schema: ref(model) }])) } : {}),
    };
  }
  const security = methodSecurity(m, ctx.authorizers);
  const validator = m.requestValidatorId ? ctx.validators[m.requestValidatorId]?.name : undefined;
  return {
    ...(m.operationName ? { operationId: m.operationName } : {}),
    ...(!oas && !isEmpty(requestModels) ? { consumes: Object.keys(requestModels) } : {}),
    ...(!oas && produces.size > 0 ? { produces: [...produces] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(oas && !isEmpty(requestModels) ? { requestBody: { content: Object.fromEntries(Object.entries(requestModels).map(([ct, model]) => [ct, { schema: ref(model) }])), required: true } } : {}),
    responses,
    ...(security.length > 0 ? { security } : {}),
    ...(ctx.ext.apigateway && validator ? { "x-amazon-apigateway-request-validator": validator } : {}),
    ...(ctx.ext.integrations && m.methodIntegration ? { "x-amazon-apigateway-integration": exportIntegration(m.methodIntegration) } : {}),
  };
}
