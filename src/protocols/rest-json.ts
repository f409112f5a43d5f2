/**
 * restJson1: the operation is found by method and path (the `http` trait); members bind to
 * URI labels, query parameters, headers, a payload member, or the JSON body.
 * https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 */
import { ServiceError } from "../core/errors.js";
import type { RequestContext } from "../core/service.js";
import type { CompiledService } from "./compiled-service.js";
import type { ResolvedError } from "./error-shape.js";
import { invokeOperation } from "./invoke.js";
import { readJsonStructure, readJsonValue, writeJsonStructure, writeJsonValue } from "./json-codec.js";
import { matchRestRoute, pathKnown } from "./rest-routes.js";
import type { Member, Shape, StructureShape } from "./smithy/shapes.js";
import type { ProtocolRequest, ProtocolResponse } from "./types.js";
import { ValidationFailure, decodeInput } from "./validation.js";

export async function handleRestJson(service: CompiledService, req: ProtocolRequest, ctx: RequestContext): Promise<ProtocolResponse> {
  const match = matchRestRoute(service.restRoutes(), req.method, req.path, req.query);
  if (!match) {
    const known = pathKnown(service.restRoutes(), req.path);
    throw new ServiceError(known ? "MethodNotAllowedException" : "UnknownOperationException", known ? `Method ${req.method} is not allowed on ${req.path}.` : `No ${service.id} operation matches ${req.method} ${req.path}.`, { status: known ? 405 : 404 });
  }
  const op = match.route.operation;
  const input = decodeInput(service.module, () => bindInput(op.input, req, match.labels));
  const output = await invokeOperation(service, op.name, input, ctx);
  return writeOutput(op.output, output, op.http?.code ?? 200);
}

function bindInput(shape: StructureShape, req: ProtocolRequest, labels: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const payloadMember = shape.members.find((m) => m.traits.httpPayload);
  const bound = new Set<string>();
  for (const m of shape.members) {
    let value: unknown;
    if (m.traits.httpLabel) value = labels[m.name] === undefined ? undefined : fromText(m.shape, labels[m.name], m.name);
    else if (m.traits.httpHeader) {
      const raw = req.headers[m.traits.httpHeader.toLowerCase()];
      if (raw !== undefined) value = fromText(m.shape, Array.isArray(raw) ? raw.join(",") : raw, m.name, true);
    } else if (m.traits.httpQuery) {
      const all = req.query.getAll(m.traits.httpQuery);
      if (all.length > 0) value = m.shape.kind === "list" ? all.map((v) => fromText((m.shape as { member: Member }).member.shape, v, m.name)) : fromText(m.shape, all[0], m.name);
    } else if (m.traits.httpPrefixHeaders) {
      const prefix = m.traits.httpPrefixHeaders.toLowerCase();
      const map: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (k.startsWith(prefix) && typeof v === "string") map[k.slice(prefix.length)] = v;
      if (Object.keys(map).length > 0) value = map;
    } else if (m.traits.httpQueryParams) {
      const map: Record<string, string> = {};
      for (const [k, v] of req.query) if (!(k in map)) map[k] = v;
      value = map;
    } else continue;
    bound.add(m.name);
    if (value !== undefined) input[m.name] = value;
    else if (m.required && m.traits.httpLabel) throw new ValidationFailure("missing", m.name, "");
  }
  if (payloadMember) {
    if (req.body.length > 0) {
      const s = payloadMember.shape;
      if (s.kind === "blob") input[payloadMember.name] = req.body;
      else if (s.kind === "string") input[payloadMember.name] = req.body.toString("utf8");
      else input[payloadMember.name] = readJsonValue(s, parseJson(req.body), payloadMember.name);
    } else if (payloadMember.required) throw new ValidationFailure("missing", payloadMember.name, "");
  } else if (shape.members.some((m) => !bound.has(m.name))) {
    Object.assign(input, readJsonStructure(bodyShape(shape, bound), parseJson(req.body)));
  }
  for (const m of shape.members) {
    if (m.required && bound.has(m.name) && !m.traits.httpLabel && input[m.name] === undefined) throw new ValidationFailure("missing", m.name, "");
  }
  return input;
}

/** The structure minus its HTTP-bound members: what the JSON body carries. */
function bodyShape(shape: StructureShape, bound: Set<string>): StructureShape {
  const members = shape.members.filter((m) => !bound.has(m.name));
  return { ...shape, members, memberByName: new Map(members.map((m) => [m.name, m])) };
}

function parseJson(body: Buffer): unknown {
  const text = body.toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ServiceError("SerializationException", "The request body is not valid JSON.", { status: 400 });
  }
}

function fromText(shape: Shape, raw: string, name: string, header = false): unknown {
  switch (shape.kind) {
    case "number": {
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(n)) throw new ValidationFailure("invalid", name, `'${raw}' is not a number`);
      return n;
    }
    case "boolean":
      if (raw !== "true" && raw !== "false") throw new ValidationFailure("invalid", name, `'${raw}' is not a boolean`);
      return raw === "true";
    case "timestamp": {
      const t = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
      if (Number.isNaN(t)) throw new ValidationFailure("invalid", name, `'${raw}' is not a timestamp`);
      return new Date(t);
    }
    case "blob":
      return Buffer.from(raw, "base64");
    case "list":
      return header ? raw.split(",").map((v) => fromText(shape.member.shape, v.trim(), name)) : [fromText(shape.member.shape, raw, name)];
    default:
      return raw;
  }
}

function writeOutput(shape: StructureShape, output: Record<string, unknown> | undefined, defaultStatus: number): ProtocolResponse {
  const headers: Record<string, string> = {};
  let status = defaultStatus;
  let payload: Member | undefined;
  const value = output ?? {};
  for (const m of shape.members) {
    const v = value[m.name];
    if (m.traits.httpPayload) payload = m;
    if (v === undefined || v === null) continue;
    if (m.traits.httpHeader) headers[m.traits.httpHeader.toLowerCase()] = toText(m.shape, v);
    else if (m.traits.httpResponseCode) status = Number(v);
    else if (m.traits.httpPrefixHeaders) for (const [k, hv] of Object.entries(v as Record<string, string>)) headers[(m.traits.httpPrefixHeaders + k).toLowerCase()] = hv;
  }
  if (payload) {
    const v = value[payload.name];
    if (payload.shape.kind === "blob") {
      headers["content-type"] ??= "application/octet-stream";
      return { status, headers, body: v === undefined ? Buffer.alloc(0) : Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array | string) };
    }
    headers["content-type"] ??= payload.shape.kind === "string" ? "text/plain" : "application/json";
    return { status, headers, body: v === undefined ? "" : payload.shape.kind === "string" ? String(v) : JSON.stringify(writeJsonValue(payload.shape, v)) };
  }
  headers["content-type"] = "application/json";
  const body = writeJsonStructure(shape, value, (m) => !!(m.traits.httpHeader || m.traits.httpResponseCode || m.traits.httpPrefixHeaders));
  return { status, headers, body: JSON.stringify(body) };
}

function toText(shape: Shape, v: unknown): string {
  if (shape.kind === "timestamp") return (v instanceof Date ? v : new Date(v as number)).toUTCString();
  if (shape.kind === "blob") return Buffer.from(v as Uint8Array).toString("base64");
  if (shape.kind === "list") return (v as unknown[]).map(String).join(",");
  return String(v);
}

export function writeRestJsonError(e: ResolvedError): ProtocolResponse {
  // AWS's restJson1 services differ in the case of the message member; follow the error shape.
  const messageKey = e.shape?.memberByName.has("Message") ? "Message" : "message";
  const body: Record<string, unknown> = { ...e.fields, [messageKey]: e.message };
  if (e.shape?.memberByName.has("Type") && body.Type === undefined) body.Type = e.senderFault ? "User" : "Service";
  return {
    status: e.status,
    headers: { "content-type": "application/json", "x-amzn-errortype": e.code, ...e.headers },
    body: JSON.stringify(body),
  };
}
