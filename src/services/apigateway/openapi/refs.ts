/**
 * `$ref`s. Inside the document they are local JSON pointers (`#/components/schemas/Pet`); in a
 * stored API Gateway model a reference to another model is the canonical URL
 * `https://apigateway.amazonaws.com/restapis/{restApiId}/models/{name}`, which is what AWS
 * stores on import and turns back into a local pointer on export.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html
 */
import { isObject, type JsonObject } from "./json-value.js";

export const MODEL_URL_BASE = "https://apigateway.amazonaws.com/restapis/";

const CANONICAL = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/([^/]+)$/;

/** Follows a local `#/a/b/c` pointer in the document (`~1` and `~0` escapes included). */
export function resolvePointer(doc: JsonObject, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let at: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

/** A `{ $ref }` object resolved (one level, then again while it is still a ref; cycles stop). */
export function deref(doc: JsonObject, value: unknown): { value: unknown; missing?: string } {
  let at = value;
  const seen = new Set<string>();
  while (isObject(at) && typeof at.$ref === "string") {
    const ref = at.$ref;
    if (seen.has(ref)) return { value: undefined, missing: ref };
    seen.add(ref);
    const next = resolvePointer(doc, ref);
    if (next === undefined) return { value: undefined, missing: ref };
    at = next;
  }
  return { value: at };
}

/** The model a schema `$ref` names: "#/components/schemas/Pet" → "Pet"; else undefined. */
export function modelNameOf(ref: string, prefix: string): string | undefined {
  if (ref.startsWith(prefix)) {
    const name = ref.slice(prefix.length);
    return name.length > 0 && !name.includes("/") ? decodeURIComponent(name) : undefined;
  }
  const canonical = CANONICAL.exec(ref);
  return canonical ? canonical[1] : undefined;
}

/**
 * Rewrites every `$ref` in a schema. `rewrite` answers the new ref, or undefined when the ref
 * cannot be kept (the caller decides what that means). Returns a new object.
 */
export function mapRefs(schema: unknown, rewrite: (ref: string) => string | undefined, failed: string[]): unknown {
  if (Array.isArray(schema)) return schema.map((x) => mapRefs(x, rewrite, failed));
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "$ref" && typeof v === "string") {
      const next = rewrite(v);
      if (next === undefined) failed.push(v);
      out[k] = next ?? v;
    } else {
      out[k] = mapRefs(v, rewrite, failed);
    }
  }
  return out;
}

export const canonicalModelUrl = (apiId: string, name: string) => `${MODEL_URL_BASE}${apiId}/models/${name}`;
