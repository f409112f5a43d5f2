/**
 * The only place that reads the AWS SDK's runtime schemas (`@smithy/core/schema`). It turns
 * them into a small, stable shape tree that the codecs in `protocols/` walk, so a change in the
 * SDK's schema format touches this file alone.
 */
import type * as SmithySchema from "@smithy/core/schema";
import type { NormalizedSchema } from "@smithy/core/schema";
import { lazyRequire } from "../../core/lazy-require.js";

// Loaded with the first model (the SDK packages the models come from load it too), not at start.
const smithySchema = lazyRequire<typeof SmithySchema>("@smithy/core/schema");

export interface Traits {
  xmlName?: string;
  xmlFlattened?: boolean;
  xmlAttribute?: boolean;
  jsonName?: string;
  httpLabel?: boolean;
  httpHeader?: string;
  httpPrefixHeaders?: string;
  httpQuery?: string;
  httpQueryParams?: boolean;
  httpPayload?: boolean;
  httpResponseCode?: boolean;
  timestampFormat?: string;
  idempotencyToken?: boolean;
}

export type Shape =
  | { kind: "string"; name: string }
  | { kind: "number"; name: string }
  | { kind: "boolean"; name: string }
  | { kind: "blob"; name: string; streaming: boolean }
  | { kind: "timestamp"; name: string }
  | { kind: "document"; name: string }
  | { kind: "unit"; name: string }
  | ListShape
  | MapShape
  | StructureShape;

export interface ListShape {
  kind: "list";
  name: string;
  member: Member;
}

export interface MapShape {
  kind: "map";
  name: string;
  key: Member;
  value: Member;
}

export interface StructureShape {
  kind: "structure";
  name: string;
  /** Fully qualified, `com.amazonaws.sqs#SendMessageRequest`. */
  id: string;
  members: Member[];
  memberByName: Map<string, Member>;
  union: boolean;
  /** Error shapes: `error`, `httpError`, `awsQueryError` traits. */
  error?: { fault: "client" | "server"; httpStatus?: number; queryCode?: string; queryStatus?: number };
}

export interface Member {
  name: string;
  shape: Shape;
  required: boolean;
  traits: Traits;
}

export interface OperationShape {
  name: string;
  input: StructureShape;
  output: StructureShape;
  /** restJson1 `http` trait. */
  http?: { method: string; uri: string; code: number };
}

const cache = new WeakMap<object, Shape>();

function toTraits(raw: Record<string, unknown>): Traits {
  const t: Traits = {};
  if (typeof raw.xmlName === "string") t.xmlName = raw.xmlName;
  if (raw.xmlFlattened) t.xmlFlattened = true;
  if (raw.xmlAttribute) t.xmlAttribute = true;
  if (typeof raw.jsonName === "string") t.jsonName = raw.jsonName;
  if (raw.httpLabel) t.httpLabel = true;
  if (typeof raw.httpHeader === "string") t.httpHeader = raw.httpHeader;
  if (typeof raw.httpPrefixHeaders === "string") t.httpPrefixHeaders = raw.httpPrefixHeaders;
  if (typeof raw.httpQuery === "string") t.httpQuery = raw.httpQuery;
  if (raw.httpQueryParams) t.httpQueryParams = true;
  if (raw.httpPayload) t.httpPayload = true;
  if (raw.httpResponseCode) t.httpResponseCode = true;
  if (typeof raw.timestampFormat === "string") t.timestampFormat = raw.timestampFormat;
  if (raw.idempotencyToken) t.idempotencyToken = true;
  return t;
}

function shapeOf(ns: NormalizedSchema): Shape {
  const raw = ns.getSchema() as unknown;
  const key = typeof raw === "object" && raw !== null ? raw : undefined;
  if (key && cache.has(key)) return cache.get(key)!;
  const name = safeName(ns);
  let shape: Shape;
  if (ns.isStructSchema() || ns.isUnionSchema()) {
    const struct: StructureShape = {
      kind: "structure",
      name,
      id: safeName(ns, true),
      members: [],
      memberByName: new Map(),
      union: ns.isUnionSchema(),
    };
    // Cache before walking members: shapes may be recursive.
    if (key) cache.set(key, struct);
    const rawStruct = raw as unknown[];
    const requiredCount = typeof rawStruct[6] === "number" ? (rawStruct[6] as number) : 0;
    let index = 0;
    for (const [memberName, memberNs] of ns.structIterator()) {
      const member: Member = {
        name: memberName,
        shape: shapeOf(memberNs),
        required: index < requiredCount,
        traits: toTraits(memberNs.getMergedTraits() as Record<string, unknown>),
      };
      struct.members.push(member);
      struct.memberByName.set(memberName, member);
      index++;
    }
    const traits = ns.getMergedTraits() as Record<string, unknown>;
    if (traits.error) {
      const q = traits.awsQueryError as [string, number] | undefined;
      struct.error = {
        fault: traits.error === "server" ? "server" : "client",
        httpStatus: typeof traits.httpError === "number" ? traits.httpError : undefined,
        queryCode: q?.[0],
        queryStatus: q?.[1],
      };
    }
    return struct;
  }
  if (ns.isListSchema()) {
    const list: ListShape = { kind: "list", name, member: undefined as unknown as Member };
    if (key) cache.set(key, list);
    const memberNs = ns.getValueSchema();
    list.member = { name: "member", shape: shapeOf(memberNs), required: false, traits: toTraits(memberNs.getMergedTraits() as Record<string, unknown>) };
    return list;
  }
  if (ns.isMapSchema()) {
    const map: MapShape = { kind: "map", name, key: undefined as unknown as Member, value: undefined as unknown as Member };
    if (key) cache.set(key, map);
    const k = ns.getKeySchema();
    const v = ns.getValueSchema();
    map.key = { name: "key", shape: shapeOf(k), required: true, traits: toTraits(k.getMergedTraits() as Record<string, unknown>) };
    map.value = { name: "value", shape: shapeOf(v), required: true, traits: toTraits(v.getMergedTraits() as Record<string, unknown>) };
    return map;
  }
  if (ns.isBlobSchema()) shape = { kind: "blob", name, streaming: ns.isStreaming() };
  else if (ns.isTimestampSchema()) shape = { kind: "timestamp", name };
  else if (ns.isBooleanSchema()) shape = { kind: "boolean", name };
  else if (ns.isNumericSchema() || ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) {
    // The SDK's compact schemas do not tell integers from floats (both are "numeric"), so a
    // number is any finite number here; operations check whole-number members themselves.
    shape = { kind: "number", name };
  } else if (ns.isDocumentSchema()) shape = { kind: "document", name };
  else if (ns.isUnitSchema()) shape = { kind: "unit", name };
  else shape = { kind: "string", name };
  return shape;
}

function safeName(ns: NormalizedSchema, qualified = false): string {
  try {
    return ns.getName(qualified) ?? "";
  } catch {
    return "";
  }
}

const UNIT: StructureShape = { kind: "structure", name: "Unit", id: "smithy.api#Unit", members: [], memberByName: new Map(), union: false };

function asStructure(schemaRef: unknown): StructureShape {
  const resolved = typeof schemaRef === "function" ? (schemaRef as () => unknown)() : schemaRef;
  if (resolved === "unit" || resolved === undefined) return UNIT;
  const shape = shapeOf(smithySchema().NormalizedSchema.of(resolved as never));
  return shape.kind === "structure" ? shape : UNIT;
}

/** Reads an operation schema (`SendMessage$`). */
export function operationShape(name: string, schema: unknown): OperationShape {
  const raw = schema as unknown[];
  const traits = (smithySchema().NormalizedSchema.of(schema as never).getMergedTraits() ?? {}) as Record<string, unknown>;
  const http = traits.http as [string, string, number] | undefined;
  return {
    name,
    input: asStructure(raw[4]),
    output: asStructure(raw[5]),
    http: http ? { method: http[0], uri: http[1], code: http[2] } : undefined,
  };
}

/** Reads an error schema (`QueueDoesNotExist$`). */
export function errorShape(schema: unknown): StructureShape | undefined {
  const shape = shapeOf(smithySchema().NormalizedSchema.of(schema as never));
  return shape.kind === "structure" ? shape : undefined;
}

/**
 * Splits a client package's exports into operation and error schemas. Operation schemas are
 * tagged 9, error schemas -3 (the SDK's compact schema format).
 */
export function modelFromSdkExports(namespace: string, exports: Record<string, unknown>) {
  const operations: Record<string, unknown> = {};
  const errors: Record<string, unknown> = {};
  for (const [exportName, value] of Object.entries(exports)) {
    if (!exportName.endsWith("$") || !Array.isArray(value)) continue;
    const name = exportName.slice(0, -1);
    if (value[0] === 9) operations[name] = value;
    else if (value[0] === -3 && value[1] === namespace) errors[name] = value;
  }
  return { namespace, operations, errors };
}
