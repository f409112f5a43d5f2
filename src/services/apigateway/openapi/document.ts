/**
 * Turns an ImportRestApi / PutRestApi body into an OpenAPI 3.0 or Swagger 2.0 document. The
 * body is JSON or YAML (AWS takes either, undeclared); anything else, and any other
 * specification version (OpenAPI 3.1 included), is "Invalid OpenAPI input."
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api.html
 */
import type * as Yaml from "yaml";
import { lazyRequire } from "../../../core/lazy-require.js";
import { ApiGatewayErrors } from "../errors.js";
import { isObject, type JsonObject } from "./json-value.js";

const yaml = lazyRequire<typeof Yaml>("yaml");

export type SpecKind = "oas3" | "swagger2";

export interface OpenApiDocument {
  kind: SpecKind;
  doc: JsonObject;
}

const invalidInput = () => ApiGatewayErrors.badRequest("Invalid OpenAPI input.");

/** Real documents nest a few dozen levels; far deeper ones would only exhaust the stack later. */
const MAX_DEPTH = 256;

export function parseOpenApi(body: Uint8Array | undefined): OpenApiDocument {
  if (!body || body.length === 0) throw invalidInput();
  const text = Buffer.from(body).toString("utf8").replace(/^\uFEFF/, "");
  const doc = parseText(text);
  if (!isObject(doc) || deeperThan(doc, MAX_DEPTH)) throw invalidInput();
  const openapi = doc.openapi;
  if (typeof openapi === "string" && /^3\.0(\.\d+)?$/.test(openapi)) return { kind: "oas3", doc };
  const swagger = doc.swagger;
  if (swagger === "2.0" || swagger === 2) return { kind: "swagger2", doc };
  throw invalidInput();
}

function parseText(text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{")) {
    try {
      return JSON.parse(text);
    } catch {
      // Not JSON after all: YAML is a superset, give it a chance below.
    }
  }
  const { parseDocument, visit } = yaml();
  let parsed: ReturnType<typeof parseDocument>;
  try {
    parsed = parseDocument(text, { merge: true, uniqueKeys: false });
  } catch {
    throw invalidInput();
  }
  if (parsed.errors.length > 0) throw invalidInput();
  // YAML reads `version: 1.0` or `swagger: 2.0` as numbers; AWS's parser keeps their text.
  // A number whose written form is not its canonical one goes back to being that text.
  visit(parsed, {
    Scalar(_key, node) {
      if (typeof node.value === "number" && typeof node.source === "string" && node.source !== String(node.value)) node.value = node.source;
    },
  });
  try {
    return parsed.toJS({ maxAliasCount: 100 });
  } catch {
    throw invalidInput();
  }
}

/** Whether a parsed value nests objects/arrays more than `max` deep (walked without recursion). */
function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
