/**
 * Reading untrusted JSON/YAML values: an imported document can hold anything at any key, so
 * every read says what it expects and gets `undefined` for anything else instead of throwing.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function objectAt(v: unknown): JsonObject | undefined {
  return isObject(v) ? v : undefined;
}

/** Strings as they are; numbers and booleans as YAML authors often write them (`version: 1`). */
export function stringAt(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

export function numberAt(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function booleanAt(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

export function stringListAt(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.map(stringAt).filter((s): s is string => s !== undefined);
  return out;
}

/** A map of strings (requestParameters, responseTemplates, …); non-string values are dropped. */
export function stringMapAt(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    // A mapping template written as a YAML/JSON object is still a template: keep its JSON text.
    const s = isObject(x) || Array.isArray(x) ? JSON.stringify(x) : stringAt(x);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

export function isEmpty(o: object | undefined): boolean {
  return o === undefined || Object.keys(o).length === 0;
}
