/**
 * Request validators, authorizers and gateway responses onto a REST API. Validators and
 * authorizers are found by name (an existing one keeps its id); merge keeps the API's others,
 * overwrite drops them. Returns name → id for the methods that refer to them.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-update.html
 */
import { newId } from "../ids.js";
import type { AuthorizerRecord, GatewayResponseRecord, RequestValidatorRecord, RestApiRecord } from "../types.js";
import type { ImportedDefinition } from "./definition.js";
import type { PutMode } from "./put-mode.js";

export interface NamedIds {
  validators: Map<string, string>;
  authorizers: Map<string, string>;
}

export function applyNamed(api: RestApiRecord, def: ImportedDefinition, mode: PutMode): NamedIds {
  const validators: Record<string, RequestValidatorRecord> = mode === "merge" ? { ...(api.requestValidators ?? {}) } : {};
  for (const v of def.requestValidators) {
    const id = Object.values(api.requestValidators ?? {}).find((x) => x.name === v.name)?.id ?? newId();
    for (const [k, x] of Object.entries(validators)) if (x.name === v.name) delete validators[k];
    validators[id] = { id, ...v };
  }
  api.requestValidators = validators;

  const authorizers: Record<string, AuthorizerRecord> = mode === "merge" ? { ...(api.authorizers ?? {}) } : {};
  for (const a of def.authorizers) {
    const id = Object.values(api.authorizers ?? {}).find((x) => x.name === a.name)?.id ?? newId();
    for (const [k, x] of Object.entries(authorizers)) if (x.name === a.name) delete authorizers[k];
    authorizers[id] = { id, ...a };
  }
  api.authorizers = authorizers;

  const responses: Record<string, GatewayResponseRecord> = mode === "merge" ? { ...(api.gatewayResponses ?? {}) } : {};
  for (const r of def.gatewayResponses) responses[r.responseType] = r;
  api.gatewayResponses = responses;

  const byName = (records: Record<string, { id: string; name: string }>) => new Map(Object.values(records).map((x) => [x.name, x.id]));
  return { validators: byName(validators), authorizers: byName(authorizers) };
}
