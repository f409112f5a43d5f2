/**
 * One operation → one API Gateway method: operationId → operationName; path, query and header
 * parameters → requestParameters (method.request.path|querystring|header.X, path ones always
 * required); the request body schema → requestModels; responses (their headers and body
 * schemas) → methodResponses; `security` → authorization; x-amazon-apigateway-request-validator
 * and x-amazon-apigateway-integration.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/import-edge-optimized-api.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html#api-gateway-known-issues-rest-apis
 */
import type { MethodResponseRecord } from "../types.js";
import type { MethodDraft } from "./definition.js";
import { methodAt } from "./import-report.js";
import { booleanAt, isEmpty, isObject, objectAt, stringAt, stringListAt, type JsonObject } from "./json-value.js";
import { deref } from "./refs.js";
import { readIntegration } from "./read-integration.js";
import type { ReadContext } from "./read-context.js";
import { bodyModel } from "./read-models.js";
import { methodAuth, type SecuritySchemes } from "./read-security.js";

const PARAMETER_NAME = /^[a-zA-Z0-9._$-]+$/;
const LOCATIONS: Record<string, string> = { path: "path", query: "querystring", header: "header" };
const STATUS_CODE = /^[1-5]\d\d$/;

export interface MethodEnv {
  schemes: SecuritySchemes;
  rootSecurity: unknown;
  /** The document-wide x-amazon-apigateway-request-validator. */
  defaultValidator?: string;
}

/** Where an operation sits: its path as written (for parse messages) and as a resource. */
export interface OperationSite {
  docPath: string;
  resourcePath: string;
  httpMethod: string;
  /** The key under the path item: "get", "x-amazon-apigateway-any-method". */
  key: string;
}

export function readMethod(ctx: ReadContext, env: MethodEnv, op: JsonObject, pathParameters: unknown, site: OperationSite): MethodDraft | undefined {
  const at = `paths.'${site.docPath}'(${site.key})`;
  const label = `${site.httpMethod} ${site.resourcePath}`;
  const requestParameters: Record<string, boolean> = {};
  const requestModels: Record<string, string> = {};
  for (const p of parameters(ctx, at, pathParameters, op.parameters)) {
    const name = stringAt(p.name) ?? "";
    const location = stringAt(p.in) ?? "";
    if (location === "body") {
      const model = bodyModel(ctx, p.schema, `request body of method '${label}'`);
      if (model) for (const ct of mediaTypes(op.consumes, ctx.doc.consumes)) requestModels[ct] = model;
      continue;
    }
    if (!LOCATIONS[location]) continue; // formData and cookie parameters have no API Gateway equivalent
    if (!PARAMETER_NAME.test(name)) {
      ctx.report.error(`Unable to put method ${methodAt(site.httpMethod, site.resourcePath)}: Invalid mapping expression specified: Validation Result: warnings : [], errors : [Parameter name should match the following regular expression: ^[a-zA-Z0-9._$-]+$]`);
      return undefined;
    }
    if (ctx.kind === "oas3" && p.type !== undefined) ctx.report.warn(`Parse issue: attribute ${at}.parameters.[${name}].type is unexpected`);
    requestParameters[`method.request.${LOCATIONS[location]}.${name}`] = location === "path" || booleanAt(p.required) === true;
  }
  if (ctx.kind === "oas3" && op.requestBody !== undefined) {
    const body = deref(ctx.doc, op.requestBody);
    if (body.missing) ctx.report.warn(`Parse issue: attribute ${at}.requestBody.${body.missing} is missing`);
    for (const [ct, media] of Object.entries(objectAt(objectAt(body.value)?.content) ?? {})) {
      const model = bodyModel(ctx, objectAt(media)?.schema, `request body of method '${label}'`);
      if (model) requestModels[ct] = model;
    }
  }
  const validator = stringAt(op["x-amazon-apigateway-request-validator"]) ?? env.defaultValidator;
  const operationName = stringAt(op.operationId);
  const methodResponses = responses(ctx, op, at, label);
  const integration = op["x-amazon-apigateway-integration"] === undefined ? undefined : readIntegration(ctx, op["x-amazon-apigateway-integration"], site.httpMethod, site.resourcePath);
  return {
    httpMethod: site.httpMethod,
    ...methodAuth(env.schemes, op, env.rootSecurity),
    ...(operationName ? { operationName } : {}),
    ...(!isEmpty(requestParameters) ? { requestParameters } : {}),
    ...(!isEmpty(requestModels) ? { requestModels } : {}),
    ...(validator ? { requestValidatorName: validator } : {}),
    ...(!isEmpty(methodResponses) ? { methodResponses } : {}),
    ...(integration ? { integration } : {}),
  };
}

/** Path-item parameters overridden by the operation's own (same name and location). */
function parameters(ctx: ReadContext, at: string, shared: unknown, own: unknown): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const list of [shared, own]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(ctx.doc, raw);
      if (p.missing) ctx.report.warn(`Parse issue: attribute ${at}.parameters.${p.missing} is missing`);
      if (isObject(p.value)) byKey.set(`${stringAt(p.value.in)}:${stringAt(p.value.name)}`, p.value);
    }
  }
  return [...byKey.values()];
}

/** Swagger's consumes / produces, the operation's over the document's; JSON when neither says. */
function mediaTypes(own: unknown, global: unknown): string[] {
  const list = stringListAt(own) ?? stringListAt(global);
  return list && list.length > 0 ? list : ["application/json"];
}

function responses(ctx: ReadContext, op: JsonObject, at: string, label: string): Record<string, MethodResponseRecord> {
  const out: Record<string, MethodResponseRecord> = {};
  if (!isObject(op.responses)) {
    ctx.report.warn(`Parse issue: attribute ${at}.responses is missing`);
    return out;
  }
  for (const [code, raw] of Object.entries(op.responses)) {
    if (!STATUS_CODE.test(code)) continue; // "default" and ranges have no method response
    const resolved = deref(ctx.doc, raw);
    if (resolved.missing) ctx.report.warn(`Parse issue: attribute ${at}.responses.${code}.${resolved.missing} is missing`);
    const r = objectAt(resolved.value);
    if (!r) continue;
    const responseParameters: Record<string, boolean> = {};
    for (const [header, h] of Object.entries(objectAt(r.headers) ?? {})) {
      responseParameters[`method.response.header.${header}`] = booleanAt(objectAt(deref(ctx.doc, h).value)?.required) === true;
    }
    const responseModels: Record<string, string> = {};
    const where = `${code} response to method '${label}'`;
    if (ctx.kind === "oas3") {
      for (const [ct, media] of Object.entries(objectAt(r.content) ?? {})) {
        const model = bodyModel(ctx, objectAt(media)?.schema, where);
        if (model) responseModels[ct] = model;
      }
    } else if (r.schema !== undefined) {
      const model = bodyModel(ctx, r.schema, where);
      if (model) for (const ct of mediaTypes(op.produces, ctx.doc.produces)) responseModels[ct] = model;
    }
    out[code] = {
      statusCode: code,
      ...(!isEmpty(responseParameters) ? { responseParameters } : {}),
      ...(!isEmpty(responseModels) ? { responseModels } : {}),
    };
  }
  return out;
}
