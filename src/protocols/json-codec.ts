/**
 * JSON documents ↔ shapes, for awsJson1_0/1_1 and restJson1 bodies. Reading validates as it
 * goes (types, required members) and converts wire forms to values: blobs from base64 to
 * Buffer, timestamps from epoch seconds to Date. Writing does the reverse and drops
 * undefined members.
 * https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
 */
import type { Member, Shape, StructureShape } from "./smithy/shapes.js";
import { ValidationFailure } from "./validation.js";

export function readJsonStructure(shape: StructureShape, value: unknown, path = ""): Record<string, unknown> {
  if (value === undefined || value === null) value = {};
  if (typeof value !== "object" || Array.isArray(value)) throw new ValidationFailure("invalid", path || shape.name, "expected an object");
  const out: Record<string, unknown> = {};
  const obj = value as Record<string, unknown>;
  for (const member of shape.members) {
    if (member.traits.httpLabel || member.traits.httpHeader || member.traits.httpQuery || member.traits.httpPrefixHeaders || member.traits.httpQueryParams) continue;
    const wireName = member.traits.jsonName ?? member.name;
    const v = obj[wireName];
    if (v === undefined || v === null) {
      if (member.required) throw new ValidationFailure("missing", join(path, member.name), "");
      continue;
    }
    out[member.name] = readJsonValue(member.shape, v, join(path, member.name));
  }
  return out;
}

export function readJsonValue(shape: Shape, v: unknown, path: string): unknown {
  switch (shape.kind) {
    case "string":
      if (typeof v !== "string") throw new ValidationFailure("invalid", path, "expected a string");
      return v;
    case "number":
      if (typeof v !== "number" || !Number.isFinite(v)) throw new ValidationFailure("invalid", path, "expected a number");
      return v;
    case "boolean":
      if (typeof v !== "boolean") throw new ValidationFailure("invalid", path, "expected a boolean");
      return v;
    case "blob":
      if (typeof v !== "string") throw new ValidationFailure("invalid", path, "expected base64 text");
      return Buffer.from(v, "base64");
    case "timestamp":
      if (typeof v === "number") return new Date(v * 1000);
      if (typeof v === "string" && !Number.isNaN(Date.parse(v))) return new Date(v);
      throw new ValidationFailure("invalid", path, "expected a timestamp");
    case "document":
      return v;
    case "unit":
      return undefined;
    case "list":
      if (!Array.isArray(v)) throw new ValidationFailure("invalid", path, "expected a list");
      return v.map((item, i) => (item === null ? null : readJsonValue(shape.member.shape, item, `${path}.${i + 1}`)));
    case "map": {
      if (typeof v !== "object" || Array.isArray(v)) throw new ValidationFailure("invalid", path, "expected a map");
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        out[k] = item === null ? null : readJsonValue(shape.value.shape, item, `${path}.${k}`);
      }
      return out;
    }
    case "structure":
      return readJsonStructure(shape, v, path);
  }
}

export function writeJsonStructure(shape: StructureShape, value: Record<string, unknown> | undefined, skip?: (m: Member) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!value) return out;
  for (const member of shape.members) {
    if (skip?.(member)) continue;
    const v = value[member.name];
    if (v === undefined || v === null) continue;
    out[member.traits.jsonName ?? member.name] = writeJsonValue(member.shape, v);
  }
  return out;
}

export function writeJsonValue(shape: Shape, v: unknown): unknown {
  switch (shape.kind) {
    case "blob":
      if (typeof v === "string") return Buffer.from(v).toString("base64");
      return Buffer.from(v as Uint8Array).toString("base64");
    case "timestamp":
      return (v instanceof Date ? v.getTime() : typeof v === "number" ? v : Date.parse(String(v))) / 1000;
    case "list":
      return (v as unknown[]).map((item) => writeJsonValue(shape.member.shape, item));
    case "map": {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        if (item !== undefined) out[k] = writeJsonValue(shape.value.shape, item);
      }
      return out;
    }
    case "structure":
      return writeJsonStructure(shape, v as Record<string, unknown>);
    default:
      return v;
  }
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
