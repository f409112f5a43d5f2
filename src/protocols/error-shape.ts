/**
 * What every protocol needs to know about an error before writing it: the code, the HTTP
 * status, who is at fault, the awsQuery code, and the message. Unknown exceptions are bugs:
 * they become InternalFailure (500) and are logged with their stack.
 */
import { CommonErrors, ServiceError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { CompiledService } from "./compiled-service.js";
import type { StructureShape } from "./smithy/shapes.js";

export interface ResolvedError {
  code: string;
  message: string;
  status: number;
  senderFault: boolean;
  queryCode: string;
  shape?: StructureShape;
  fields: Record<string, unknown>;
  headers: Record<string, string>;
}

export function resolveError(err: unknown, service: CompiledService | undefined, logger: Logger): ResolvedError {
  let se: ServiceError;
  if (err instanceof ServiceError) se = err;
  else {
    logger.error(`internal failure${service ? ` in ${service.id}` : ""}`, err);
    se = CommonErrors.internalFailure();
  }
  const shape = service?.errorShape(se.code);
  const status = se.options.status ?? shape?.error?.httpStatus ?? shape?.error?.queryStatus ?? 400;
  return {
    code: se.code,
    message: se.message,
    status,
    senderFault: se.options.senderFault ?? (shape ? shape.error?.fault !== "server" : status < 500),
    queryCode: se.options.queryCode ?? shape?.error?.queryCode ?? se.code,
    shape,
    fields: se.options.fields ?? {},
    headers: se.options.headers ?? {},
  };
}
