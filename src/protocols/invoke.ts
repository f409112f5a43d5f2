/**
 * Runs one operation: finds the handler, or answers AWS-style that it is not implemented.
 */
import { CommonErrors } from "../core/errors.js";
import type { RequestContext } from "../core/service.js";
import type { CompiledService } from "./compiled-service.js";

export async function invokeOperation(service: CompiledService, operation: string, input: Record<string, unknown>, ctx: RequestContext): Promise<Record<string, unknown> | undefined> {
  const handler = Object.hasOwn(service.module.operations, operation) ? service.module.operations[operation] : undefined;
  if (!handler) throw CommonErrors.notImplemented(service.id, operation);
  const output = await handler(input, ctx, service.runtime);
  return (output ?? undefined) as Record<string, unknown> | undefined;
}
