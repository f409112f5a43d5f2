/**
 * awsQuery wire forms: form parameters → input shapes, output shapes → XML.
 * Keys follow the member's xmlName; flattened lists are `Name.1`, others `Name.member.1`;
 * flattened maps `Name.1.Key/Value` (the key and value xmlNames), others `Name.entry.1.key`.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 */
import type { Member, Shape, StructureShape } from "./smithy/shapes.js";
import { ValidationFailure } from "./validation.js";

export type QueryParams = Map<string, string>;

export function parseForm(body: string): QueryParams {
  const params: QueryParams = new Map();
  for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
  return params;
}

export function readQueryStructure(shape: StructureShape, params: QueryParams, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of shape.members) {
    const key = join(prefix, member.traits.xmlName ?? member.name);
    const value = readMember(member, params, key);
    if (value === undefined) {
      if (member.required) throw new ValidationFailure("missing", key, "");
      continue;
    }
    out[member.name] = value;
  }
  return out;
}

function readMember(member: Member, params: QueryParams, key: string): unknown {
  return readValue(member.shape, params, key, member.traits.xmlFlattened === true);
}

function readValue(shape: Shape, params: QueryParams, key: string, flattened: boolean): unknown {
  switch (shape.kind) {
    case "list": {
      if (params.get(key) === "") return [];
      const base = flattened ? key : `${key}.${shape.member.traits.xmlName ?? "member"}`;
      const indices = childIndices(params, base);
      if (indices.length === 0) return undefined;
      return indices.map((i) => readValue(shape.member.shape, params, `${base}.${i}`, false));
    }
    case "map": {
      if (params.get(key) === "") return {};
      const base = flattened ? key : `${key}.entry`;
      const indices = childIndices(params, base);
      if (indices.length === 0) return undefined;
      const keyName = shape.key.traits.xmlName ?? "key";
      const valueName = shape.value.traits.xmlName ?? "value";
      const out: Record<string, unknown> = {};
      for (const i of indices) {
        const k = params.get(`${base}.${i}.${keyName}`);
        if (k === undefined) throw new ValidationFailure("missing", `${base}.${i}.${keyName}`, "");
        out[k] = readValue(shape.value.shape, params, `${base}.${i}.${valueName}`, shape.value.traits.xmlFlattened === true);
      }
      return out;
    }
    case "structure": {
      if (!hasChildren(params, key)) return undefined;
      return readQueryStructure(shape, params, key);
    }
    default: {
      const raw = params.get(key);
      if (raw === undefined) return undefined;
      return readScalar(shape, raw, key);
    }
  }
}

function readScalar(shape: Shape, raw: string, key: string): unknown {
  switch (shape.kind) {
    case "number":
      if (!/^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw)) throw new ValidationFailure("invalid", key, `'${raw}' is not a valid number`);
      return Number(raw);
    case "boolean":
      if (raw !== "true" && raw !== "false") throw new ValidationFailure("invalid", key, `'${raw}' is not a valid boolean`);
      return raw === "true";
    case "blob":
      return Buffer.from(raw, "base64");
    case "timestamp": {
      const t = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
      if (Number.isNaN(t)) throw new ValidationFailure("invalid", key, `'${raw}' is not a valid timestamp`);
      return new Date(t);
    }
    default:
      return raw;
  }
}

/** The distinct numeric segments directly under `base.` in ascending order. */
function childIndices(params: QueryParams, base: string): number[] {
  const prefix = base + ".";
  const seen = new Set<number>();
  for (const k of params.keys()) {
    if (!k.startsWith(prefix)) continue;
    const rest = k.slice(prefix.length);
    const dot = rest.indexOf(".");
    const seg = dot === -1 ? rest : rest.slice(0, dot);
    if (/^\d+$/.test(seg)) seen.add(Number(seg));
  }
  return [...seen].sort((a, b) => a - b);
}

function hasChildren(params: QueryParams, key: string): boolean {
  const prefix = key + ".";
  for (const k of params.keys()) if (k.startsWith(prefix)) return true;
  return false;
}

function join(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

// ---- XML output ----

export function writeXmlStructure(shape: StructureShape, value: Record<string, unknown> | undefined): string {
  if (!value) return "";
  let xml = "";
  for (const member of shape.members) {
    const v = value[member.name];
    if (v === undefined || v === null) continue;
    xml += writeXmlMember(member, v);
  }
  return xml;
}

function writeXmlMember(member: Member, v: unknown): string {
  const name = member.traits.xmlName ?? member.name;
  const shape = member.shape;
  if (shape.kind === "list") {
    const items = v as unknown[];
    if (member.traits.xmlFlattened) return items.map((item) => element(name, writeXmlValue(shape.member.shape, item))).join("");
    const itemName = shape.member.traits.xmlName ?? "member";
    return element(name, items.map((item) => element(itemName, writeXmlValue(shape.member.shape, item))).join(""));
  }
  if (shape.kind === "map") {
    const keyName = shape.key.traits.xmlName ?? "key";
    const valueName = shape.value.traits.xmlName ?? "value";
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .map(([k, item]) => element(keyName, escapeXml(k)) + element(valueName, writeXmlValue(shape.value.shape, item)));
    if (member.traits.xmlFlattened) return entries.map((e) => element(name, e)).join("");
    return element(name, entries.map((e) => element("entry", e)).join(""));
  }
  return element(name, writeXmlValue(shape, v));
}

function writeXmlValue(shape: Shape, v: unknown): string {
  switch (shape.kind) {
    case "structure":
      return writeXmlStructure(shape, v as Record<string, unknown>);
    case "blob":
      return Buffer.from(v as Uint8Array).toString("base64");
    case "timestamp":
      return (v instanceof Date ? v : new Date(v as number)).toISOString();
    case "list":
    case "map":
      // Nested collections are written through their member (handled above).
      return writeXmlMember({ name: shape.name, shape, required: false, traits: {} }, v);
    default:
      return escapeXml(String(v));
  }
}

function element(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

/**
 * Escapes text for XML. Carriage returns are written as a character reference, as AWS does,
 * so XML parsers (which fold CR LF to LF) hand the client the exact body it sent.
 */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\r": "&#xD;" };
