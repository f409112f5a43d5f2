/**
 * awsJson1_0 / awsJson1_1: `POST /` with `X-Amz-Target: Prefix.Operation` and a JSON body.
 * Errors carry `__type` and `message`; query-compatible services (SQS) add
 * `x-amzn-query-error: <query code>;Sender|Receiver`.
 * https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
 */
import type { RequestContext } from "../core/service.js";
import type { CompiledService } from "./compiled-service.js";
import type { ResolvedError } from "./error-shape.js";
import { invokeOperation } from "./invoke.js";
import { readJsonStructure, writeJsonStructure } from "./json-codec.js";
import type { ProtocolRequest, ProtocolResponse } from "./types.js";
import { CommonErrors, ServiceError } from "../core/errors.js";
import { decodeInput } from "./validation.js";

export async function handleAwsJson(service: CompiledService, operationName: string, req: ProtocolRequest, ctx: RequestContext): Promise<ProtocolResponse> {
  const op = service.operation(operationName);
  if (!op) throw CommonErrors.unknownOperation(service.id, operationName);
  let parsed: unknown;
  try {
    const text = req.body.toString("utf8");
    parsed = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new ServiceError("SerializationException", "Start of structure or map found where not expected, or the request body is not valid JSON.", { status: 400 });
  }
  const input = decodeInput(service.module, () => readJsonStructure(op.input, parsed));
  const output = await invokeOperation(service, operationName, input, ctx);
  return {
    status: 200,
    headers: { "content-type": contentType(service) },
    body: JSON.stringify(writeJsonStructure(op.output, output)),
  };
}

export function writeAwsJsonError(service: CompiledService | undefined, e: ResolvedError): ProtocolResponse {
  const namespace = service?.model.namespace ?? "com.amazonaws";
  const headers: Record<string, string> = { "content-type": service ? contentType(service) : "application/x-amz-json-1.0", ...e.headers };
  if (service?.module.awsQueryCompatible) headers["x-amzn-query-error"] = `${e.queryCode};${e.senderFault ? "Sender" : "Receiver"}`;
  return {
    status: e.status,
    headers,
    body: JSON.stringify({ __type: `${namespace}#${e.code}`, message: e.message, ...e.fields }),
  };
}

function contentType(service: CompiledService): string {
  return service.module.protocols.includes("awsJson1_1") ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0";
}
