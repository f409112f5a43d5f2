/**
 * ServiceClients.operations: one operation of a Stratus service run in process from JSON input
 * (Step Functions' AWS SDK integrations). The SDK integration names a service by its SDK id
 * (`sqs`, `sns`, `lambda`, `sfn`, `apigateway`) and an action in camelCase; the input is read
 * with the JSON codec against the operation's input shape, so bad input fails as the API's
 * validation would, and the output is written back as JSON.
 * https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
 */
import { UnknownSdkTarget, type OperationCaller } from "../core/clients.js";
import type { Clock } from "../core/clock.js";
import { newRequestId } from "../core/ids.js";
import type { Logger } from "../core/logger.js";
import type { RequestContext } from "../core/service.js";
import { invokeOperation } from "../protocols/invoke.js";
import { readJsonStructure, writeJsonStructure } from "../protocols/json-codec.js";
import type { Shape } from "../protocols/smithy/shapes.js";
import { decodeInput } from "../protocols/validation.js";
import type { ServiceDirectory } from "./detect-service.js";

/** SDK service ids that differ from Stratus's service ids. */
const SERVICE_IDS: Record<string, string> = { sfn: "states" };

export function operationCaller(directory: ServiceDirectory, deps: { clock: Clock; logger: Logger; endpoint: () => string; signal: AbortSignal }): OperationCaller {
  return {
    async call({ sdkService, action, input, accountId, region }) {
      const service = directory.get(SERVICE_IDS[sdkService] ?? sdkService);
      if (!service) throw new UnknownSdkTarget(`The service ${sdkService} is not emulated by Stratus`);
      if (!service.modelLoaded) await service.loadModel();
      const operation = action.charAt(0).toUpperCase() + action.slice(1);
      const op = service.operation(operation);
      if (!op || !Object.hasOwn(service.module.operations, operation)) throw new UnknownSdkTarget(`The action ${sdkService}:${action} is not emulated by Stratus`);
      const decoded = decodeInput(service.module, () => readJsonStructure(op.input, fromSdkCase(op.input, input ?? {}) as Record<string, unknown>));
      const ctx: RequestContext = { requestId: newRequestId(), accountId, region, authenticated: true, endpoint: deps.endpoint(), clock: deps.clock, logger: deps.logger, signal: deps.signal };
      const output = await invokeOperation(service, operation, decoded, ctx);
      return toSdkCase(op.output, writeJsonStructure(op.output, output));
    },
  };
}

/**
 * Step Functions writes every member in PascalCase, whatever the service's API uses
 * (`StateMachineArn` for Step Functions' `stateMachineArn`): names are matched to the model's
 * members without regard to case on the way in, and written in PascalCase on the way out.
 * Map keys are data and keep their case.
 */
function fromSdkCase(shape: Shape, value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (shape.kind === "list") return Array.isArray(value) ? value.map((v) => fromSdkCase(shape.member.shape, v)) : value;
  if (shape.kind === "map") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromSdkCase(shape.value.shape, v)]));
  if (shape.kind !== "structure" || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const member = shape.members.find((m) => m.name === k) ?? shape.members.find((m) => m.name.toLowerCase() === k.toLowerCase() || m.traits.jsonName?.toLowerCase() === k.toLowerCase());
    if (member) out[member.traits.jsonName ?? member.name] = fromSdkCase(member.shape, v);
    else out[k] = v; // unknown members are for the codec to refuse
  }
  return out;
}

function toSdkCase(shape: Shape, json: unknown): unknown {
  if (json === null || typeof json !== "object") return json;
  if (shape.kind === "list") return (json as unknown[]).map((v) => toSdkCase(shape.member.shape, v));
  if (shape.kind === "map") return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, toSdkCase(shape.value.shape, v)]));
  if (shape.kind !== "structure") return json;
  const out: Record<string, unknown> = {};
  for (const member of shape.members) {
    const v = (json as Record<string, unknown>)[member.traits.jsonName ?? member.name];
    if (v !== undefined) out[member.name.charAt(0).toUpperCase() + member.name.slice(1)] = toSdkCase(member.shape, v);
  }
  return out;
}
