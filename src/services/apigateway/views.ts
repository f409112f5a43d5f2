/** What the API answers for REST APIs, resources, methods and integrations. */
import type { IntegrationRecord, MethodRecord, ResourceRecord, RestApiRecord } from "./types.js";

export function restApiView(a: RestApiRecord) {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    createdDate: new Date(a.createdDate),
    version: a.version,
    binaryMediaTypes: a.binaryMediaTypes.length ? a.binaryMediaTypes : undefined,
    minimumCompressionSize: a.minimumCompressionSize,
    apiKeySource: a.apiKeySource,
    endpointConfiguration: a.endpointConfiguration,
    policy: a.policy,
    tags: Object.keys(a.tags).length ? a.tags : undefined,
    disableExecuteApiEndpoint: a.disableExecuteApiEndpoint,
    rootResourceId: a.rootResourceId,
  };
}

export function integrationView(i: IntegrationRecord) {
  return { ...i };
}

export function methodView(m: MethodRecord) {
  return { ...m, methodIntegration: m.methodIntegration ? integrationView(m.methodIntegration) : undefined };
}

/** `withMethods`: the methods in full (GetResources with embed=methods); else each as `{}`. */
export function resourceView(r: ResourceRecord, withMethods = false) {
  const names = Object.keys(r.methods);
  return {
    id: r.id,
    parentId: r.parentId,
    pathPart: r.pathPart,
    path: r.path,
    resourceMethods: names.length ? Object.fromEntries(names.map((n) => [n, withMethods ? methodView(r.methods[n]) : {}])) : undefined,
  };
}
