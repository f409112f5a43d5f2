/**
 * Models: every schema under components.schemas (OpenAPI 3) or definitions (Swagger 2) becomes
 * an API Gateway model of content type application/json, and a body schema a method refers to
 * becomes that model's name in requestModels / responseModels. An inline object or array body
 * schema gets a model of its own (named MODEL + a digest of the schema); an inline scalar
 * schema cannot be a model and is skipped with AWS's warning.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html#api-gateway-known-issues-rest-apis
 */
import { createHash } from "node:crypto";
import type { ModelDraft } from "./definition.js";
import { isObject, objectAt, stringAt } from "./json-value.js";
import { modelNameOf } from "./refs.js";
import type { ReadContext } from "./read-context.js";

const MODEL_NAME = /^[a-zA-Z0-9]+$/;

export function readModels(ctx: ReadContext): ModelDraft[] {
  const schemas = ctx.kind === "oas3" ? objectAt(objectAt(ctx.doc.components)?.schemas) : objectAt(ctx.doc.definitions);
  const models: ModelDraft[] = [];
  for (const [name, schema] of Object.entries(schemas ?? {})) {
    if (!MODEL_NAME.test(name)) {
      ctx.report.error(`Unable to create model for '${name}': Model name must be alphanumeric: ${name}`);
      continue;
    }
    if (!isObject(schema)) {
      ctx.report.error(`Unable to create model for '${name}': Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]`);
      continue;
    }
    models.push({ name, schema, ...(stringAt(schema.description) ? { description: stringAt(schema.description) } : {}) });
  }
  return models;
}

const SCALAR_CLASSES: Record<string, string> = { string: "StringSchema", integer: "IntegerSchema", number: "NumberSchema", boolean: "BooleanSchema" };

/**
 * The model name for a request or response body schema, or undefined (with AWS's warning when
 * the schema cannot be a model). `where` reads like "200 response to method 'GET /pets'".
 */
export function bodyModel(ctx: ReadContext, schema: unknown, where: string): string | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.$ref === "string") {
    const name = modelNameOf(schema.$ref, ctx.modelRefPrefix);
    if (name === undefined) ctx.report.warn(`Reference to model '${schema.$ref}' not found. Ignoring.`);
    return name;
  }
  const type = stringAt(schema.type);
  if (type !== undefined && SCALAR_CLASSES[type]) {
    ctx.report.warn(`Unsupported model type '${SCALAR_CLASSES[type]}' in ${where}. Ignoring.`);
    return undefined;
  }
  if (type === undefined && !isObject(schema.properties) && schema.items === undefined && !Array.isArray(schema.allOf)) return undefined;
  const name = `MODEL${createHash("sha1").update(JSON.stringify(schema)).digest("hex").slice(0, 6)}`;
  ctx.inlineModels.set(name, { name, schema });
  return name;
}
