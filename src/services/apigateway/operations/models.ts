/**
 * Models (CreateModel, GetModel, GetModels, UpdateModel, DeleteModel) and request validators
 * (CreateRequestValidator, GetRequestValidator, GetRequestValidators, UpdateRequestValidator,
 * DeleteRequestValidator). Models are JSON Schema draft 4 documents that request validation
 * checks bodies against.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateModel.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRequestValidator.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { newId } from "../ids.js";
import { page } from "../pagination.js";
import { applyPatches, booleanValue, requiredValue, type PatchOperation, type PatchRule } from "../patch.js";
import type { ModelRecord, RequestValidatorRecord, RestApiRecord } from "../types.js";

const MODEL_NAME = /^[a-zA-Z0-9]+$/;

/** The two models every new REST API starts with. */
export function defaultModels(): Record<string, ModelRecord> {
  return {
    Empty: { id: newId(), name: "Empty", description: "This is a default empty schema model", contentType: "application/json", schema: '{\n  "$schema": "http://json-schema.org/draft-04/schema#",\n  "title" : "Empty Schema",\n  "type" : "object"\n}' },
    Error: {
      id: newId(),
      name: "Error",
      description: "This is a default error schema model",
      contentType: "application/json",
      schema: '{\n  "$schema" : "http://json-schema.org/draft-04/schema#",\n  "title" : "Error Schema",\n  "type" : "object",\n  "properties" : {\n    "message" : { "type" : "string" }\n  }\n}',
    },
  };
}

function checkSchema(schema: string | undefined): void {
  if (schema === undefined) return;
  let doc: unknown;
  try {
    doc = JSON.parse(schema);
  } catch {
    throw ApiGatewayErrors.badRequest("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified. Unsupported keyword(s): [] ]");
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw ApiGatewayErrors.badRequest("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]");
}

function modelOf(api: RestApiRecord, name: string): ModelRecord {
  const m = api.models?.[name];
  if (!m) throw ApiGatewayErrors.notFound("Invalid model name specified: " + name);
  return m;
}

export async function createModel(input: { restApiId: string; name: string; description?: string; schema?: string; contentType: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  if (!MODEL_NAME.test(input.name ?? "")) throw ApiGatewayErrors.badRequest("Model name must be non-empty and alphanumeric");
  if (!input.contentType) throw ApiGatewayErrors.badRequest("Content type must be non-empty");
  checkSchema(input.schema);
  api.models ??= {};
  if (api.models[input.name]) throw ApiGatewayErrors.conflict("Model name already exists for this REST API");
  const m: ModelRecord = { id: newId(), name: input.name, description: input.description, schema: input.schema, contentType: input.contentType };
  api.models[m.name] = m;
  await gw.save(api);
  return m;
}

export function getModel(input: { restApiId: string; modelName: string }, ctx: RequestContext, gw: ApiGatewayService) {
  return modelOf(gw.api(input.restApiId, ctx), input.modelName);
}

export function getModels(input: { restApiId: string; limit?: number; position?: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  return page(Object.values(api.models ?? {}), input.limit, input.position);
}

const MODEL_RULES: Array<PatchRule<ModelRecord>> = [
  { path: "/description", ops: ["replace"], apply: (m, p) => (m.description = p.value) },
  {
    path: "/schema",
    ops: ["replace"],
    apply: (m, p) => {
      checkSchema(requiredValue(p));
      m.schema = p.value;
    },
  },
];

export async function updateModel(input: { restApiId: string; modelName: string; patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const m = structuredClone(modelOf(api, input.modelName));
  applyPatches(m, input.patchOperations, MODEL_RULES);
  api.models![m.name] = m;
  await gw.save(api);
  return m;
}

export async function deleteModel(input: { restApiId: string; modelName: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  modelOf(api, input.modelName);
  for (const r of Object.values(api.resources)) {
    for (const m of Object.values(r.methods)) {
      if (Object.values(m.requestModels ?? {}).includes(input.modelName)) throw ApiGatewayErrors.conflict(`Cannot delete model '${input.modelName}', is referenced in method request: ${r.path}/${m.httpMethod}`);
      for (const resp of Object.values(m.methodResponses ?? {})) {
        if (Object.values(resp.responseModels ?? {}).includes(input.modelName)) throw ApiGatewayErrors.conflict(`Cannot delete model '${input.modelName}', is referenced in method response: ${r.path}/${m.httpMethod}/${resp.statusCode}`);
      }
    }
  }
  delete api.models![input.modelName];
  await gw.save(api);
  return {};
}

function validatorOf(api: RestApiRecord, id: string): RequestValidatorRecord {
  const v = api.requestValidators?.[id];
  if (!v) throw ApiGatewayErrors.notFound("Invalid Request Validator identifier specified");
  return v;
}

export async function createRequestValidator(input: { restApiId: string; name?: string; validateRequestBody?: boolean; validateRequestParameters?: boolean }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  api.requestValidators ??= {};
  const v: RequestValidatorRecord = { id: newId(), name: input.name ?? "", validateRequestBody: input.validateRequestBody ?? false, validateRequestParameters: input.validateRequestParameters ?? false };
  if (v.name && Object.values(api.requestValidators).some((x) => x.name === v.name)) throw ApiGatewayErrors.conflict(`Validator with name '${v.name}' already exists`);
  api.requestValidators[v.id] = v;
  await gw.save(api);
  return v;
}

export function getRequestValidator(input: { restApiId: string; requestValidatorId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  return validatorOf(gw.api(input.restApiId, ctx), input.requestValidatorId);
}

export function getRequestValidators(input: { restApiId: string; limit?: number; position?: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  return page(Object.values(api.requestValidators ?? {}), input.limit, input.position);
}

const VALIDATOR_RULES: Array<PatchRule<RequestValidatorRecord>> = [
  { path: "/name", ops: ["replace"], apply: (v, p) => (v.name = requiredValue(p)) },
  { path: "/validateRequestBody", ops: ["replace"], apply: (v, p) => (v.validateRequestBody = booleanValue(p)) },
  { path: "/validateRequestParameters", ops: ["replace"], apply: (v, p) => (v.validateRequestParameters = booleanValue(p)) },
];

export async function updateRequestValidator(input: { restApiId: string; requestValidatorId: string; patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const v = structuredClone(validatorOf(api, input.requestValidatorId));
  applyPatches(v, input.patchOperations, VALIDATOR_RULES);
  api.requestValidators![v.id] = v;
  await gw.save(api);
  return v;
}

export async function deleteRequestValidator(input: { restApiId: string; requestValidatorId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  validatorOf(api, input.requestValidatorId);
  delete api.requestValidators![input.requestValidatorId];
  // Methods that used it validate nothing from now on.
  for (const r of Object.values(api.resources)) for (const m of Object.values(r.methods)) if (m.requestValidatorId === input.requestValidatorId) delete m.requestValidatorId;
  await gw.save(api);
  return {};
}
