/**
 * Request validation: when a method names a request validator, API Gateway checks that the
 * required request parameters are present (400 "Missing required request parameters: [...]")
 * and that a body matches the method's model for its content type (JSON Schema draft 4; 400
 * "Invalid request body"), before the integration is called.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
 */
import type AjvModule from "ajv-draft-04";
import type { ValidateFunction } from "ajv-draft-04";
import { lazyRequire } from "../../../core/lazy-require.js";
import type { DeploymentRecord, ModelRecord } from "../types.js";
import type { ApiCall, Refusal } from "./api-call.js";
import { headerValue } from "./binary.js";

// ajv-draft-04 is CommonJS with `exports.default` (the Ajv class), loaded on first use.
const ajv = lazyRequire<typeof AjvModule>("ajv-draft-04");
type Ajv = InstanceType<typeof AjvModule.default>;

/** One compiler per deployment: its models may refer to each other by URL. */
const compilers = new WeakMap<DeploymentRecord, { ajv: Ajv; validators: Map<string, ValidateFunction | undefined> }>();

export function validateRequest(call: ApiCall): Refusal | undefined {
  const validatorId = call.method.requestValidatorId;
  const validator = validatorId ? call.deployment.requestValidators?.[validatorId] : undefined;
  if (!validator) return undefined;
  if (validator.validateRequestParameters) {
    const missing = missingParameters(call);
    if (missing.length) return { type: "BAD_REQUEST_PARAMETERS", message: `Missing required request parameters: [${missing.join(", ")}]` };
  }
  if (validator.validateRequestBody) return validateBody(call);
  return undefined;
}

function missingParameters(call: ApiCall): string[] {
  const missing: string[] = [];
  for (const [name, required] of Object.entries(call.method.requestParameters ?? {})) {
    if (!required) continue;
    const m = /^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/.exec(name);
    if (!m) continue;
    const [, where, key] = m;
    const present =
      where === "path" ? call.pathParameters[key] !== undefined
      : where.endsWith("querystring") ? call.request.query.has(key)
      : headerValue(call.request.headers, key) !== undefined;
    if (!present) missing.push(key);
  }
  return missing;
}

function validateBody(call: ApiCall): Refusal | undefined {
  const models = call.method.requestModels ?? {};
  const contentType = (headerValue(call.request.headers, "content-type") ?? "application/json").split(";", 1)[0].trim().toLowerCase();
  const modelName = models[contentType] ?? models.$default;
  const model = modelName ? call.deployment.models?.[modelName] : undefined;
  if (!model?.schema || model.name === "Empty") return undefined;
  const validate = validatorFor(call.deployment, call.api.id, model);
  if (!validate) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(call.request.body.toString("utf8") || "null");
  } catch {
    return { type: "BAD_REQUEST_BODY", message: "Invalid request body" };
  }
  if (validate(doc)) return undefined;
  return { type: "BAD_REQUEST_BODY", message: "Invalid request body" };
}

function validatorFor(deployment: DeploymentRecord, apiId: string, model: ModelRecord): ValidateFunction | undefined {
  let entry = compilers.get(deployment);
  if (!entry) {
    const compiler = new (ajv().default)({ allErrors: false, strict: false, validateSchema: false });
    for (const m of Object.values(deployment.models ?? {})) {
      const schema = parse(m.schema);
      if (schema) compiler.addSchema({ ...schema, id: modelUrl(apiId, m.name) }, modelUrl(apiId, m.name));
    }
    entry = { ajv: compiler, validators: new Map() };
    compilers.set(deployment, entry);
  }
  if (!entry.validators.has(model.name)) {
    let fn: ValidateFunction | undefined;
    try {
      fn = entry.ajv.getSchema(modelUrl(apiId, model.name));
    } catch {
      fn = undefined; // a schema that does not compile validates nothing, as a model AWS could not use
    }
    entry.validators.set(model.name, fn);
  }
  return entry.validators.get(model.name);
}

/** How models refer to each other in API Gateway: by this URL in `$ref`. */
function modelUrl(apiId: string, name: string): string {
  return `https://apigateway.amazonaws.com/restapis/${apiId}/models/${name}`;
}

function parse(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const v = text ? JSON.parse(text) : undefined;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
