/**
 * The document's paths and methods onto a REST API's resource tree. A method replaces the
 * method of the same verb (merge) or the resource's methods start empty (overwrite). Names the
 * methods use become ids here: authorizers and validators must exist; a model that does not
 * is dropped from the method with AWS's warning "Reference to model 'X' not found. Ignoring."
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-errors-warnings.html
 */
import type { MethodRecord, MethodResponseRecord, RestApiRecord } from "../types.js";
import type { MethodDraft, PathDraft } from "./definition.js";
import { methodAt, type ImportReport } from "./import-report.js";
import { isEmpty } from "./json-value.js";
import type { NamedIds } from "./apply-named.js";
import type { PutMode } from "./put-mode.js";
import { ensureResource, pruneToPaths } from "./resource-tree.js";

export function applyPaths(api: RestApiRecord, paths: PathDraft[], mode: PutMode, ids: NamedIds, report: ImportReport): void {
  if (mode === "overwrite") pruneToPaths(api, paths.map((p) => p.path));
  for (const p of paths) {
    const resource = ensureResource(api, p.path, report);
    if (!resource) continue;
    for (const m of p.methods) {
      const record = methodRecord(api, m, resource.id, p.path, ids, report);
      if (record) resource.methods[m.httpMethod] = record;
    }
  }
}

function methodRecord(api: RestApiRecord, m: MethodDraft, resourceId: string, path: string, ids: NamedIds, report: ImportReport): MethodRecord | undefined {
  const fail = (why: string) => {
    report.error(`Unable to put method ${methodAt(m.httpMethod, path)}: ${why}`);
    return undefined;
  };
  const authorizerId = m.authorizerName === undefined ? undefined : ids.authorizers.get(m.authorizerName);
  if (m.authorizerName !== undefined && authorizerId === undefined) return fail("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.");
  const requestValidatorId = m.requestValidatorName === undefined ? undefined : ids.validators.get(m.requestValidatorName);
  if (m.requestValidatorName !== undefined && requestValidatorId === undefined) return fail("Invalid Request Validator identifier specified");
  const requestModels = knownModels(api, m.requestModels, report);
  const methodResponses: Record<string, MethodResponseRecord> = {};
  for (const [code, r] of Object.entries(m.methodResponses ?? {})) {
    const responseModels = knownModels(api, r.responseModels, report);
    methodResponses[code] = { statusCode: r.statusCode, ...(r.responseParameters ? { responseParameters: r.responseParameters } : {}), ...(responseModels ? { responseModels } : {}) };
  }
  return {
    httpMethod: m.httpMethod,
    authorizationType: m.authorizationType,
    apiKeyRequired: m.apiKeyRequired,
    ...(authorizerId ? { authorizerId } : {}),
    ...(m.authorizationScopes ? { authorizationScopes: m.authorizationScopes } : {}),
    ...(requestValidatorId ? { requestValidatorId } : {}),
    ...(m.operationName ? { operationName: m.operationName } : {}),
    ...(m.requestParameters ? { requestParameters: m.requestParameters } : {}),
    ...(requestModels ? { requestModels } : {}),
    ...(!isEmpty(methodResponses) ? { methodResponses } : {}),
    ...(m.integration ? { methodIntegration: { ...m.integration, cacheNamespace: m.integration.cacheNamespace ?? resourceId } } : {}),
  };
}

function knownModels(api: RestApiRecord, models: Record<string, string> | undefined, report: ImportReport): Record<string, string> | undefined {
  if (!models) return undefined;
  const out: Record<string, string> = {};
  for (const [ct, name] of Object.entries(models)) {
    if (api.models?.[name]) out[ct] = name;
    else report.warn(`Reference to model '${name}' not found. Ignoring.`);
  }
  return isEmpty(out) ? undefined : out;
}
