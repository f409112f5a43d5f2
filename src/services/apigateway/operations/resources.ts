/**
 * CreateResource, GetResource, GetResources, DeleteResource: the API's path tree. A path part
 * is a name, a `{param}` or a greedy `{proxy+}`; siblings have distinct names and at most one
 * of them is a variable.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateResource.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { newId } from "../ids.js";
import { page } from "../pagination.js";
import type { ResourceRecord } from "../types.js";
import { resourceView } from "../views.js";

const PATH_PART = /^([a-zA-Z0-9._:-]+|\{[a-zA-Z0-9._-]+\+?\})$/;
const isVariable = (part: string | undefined) => part !== undefined && part.startsWith("{");

export async function createResource(input: { restApiId: string; parentId: string; pathPart: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const parent = gw.resource(api, input.parentId);
  if (!PATH_PART.test(input.pathPart ?? "")) {
    throw ApiGatewayErrors.badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.");
  }
  if (parent.pathPart?.endsWith("+}")) throw ApiGatewayErrors.badRequest("Cannot create a child of a resource with a greedy path variable");
  const siblings = Object.values(api.resources).filter((r) => r.parentId === parent.id);
  if (siblings.some((s) => s.pathPart === input.pathPart)) throw ApiGatewayErrors.conflict(`Another resource with the same parent already has this name: ${input.pathPart}`);
  const variable = siblings.find((s) => isVariable(s.pathPart));
  if (isVariable(input.pathPart) && variable) throw ApiGatewayErrors.badRequest(`A sibling (${variable.pathPart}) of this resource already has a variable path part -- only one is allowed`);
  const r: ResourceRecord = { id: newId(), parentId: parent.id, pathPart: input.pathPart, path: `${parent.path === "/" ? "" : parent.path}/${input.pathPart}`, methods: {} };
  api.resources[r.id] = r;
  await gw.save(api);
  return resourceView(r);
}

export function getResource(input: { restApiId: string; resourceId: string; embed?: string[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  return resourceView(gw.resource(api, input.resourceId), input.embed?.includes("methods"));
}

export function getResources(input: { restApiId: string; limit?: number; position?: string; embed?: string[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const all = Object.values(api.resources).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const { items, position } = page(all, input.limit, input.position);
  return { items: items.map((r) => resourceView(r, input.embed?.includes("methods"))), position };
}

export async function deleteResource(input: { restApiId: string; resourceId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const r = gw.resource(api, input.resourceId);
  if (r.id === api.rootResourceId) throw ApiGatewayErrors.badRequest("Cannot delete root resource");
  // The resource and everything under it.
  const doomed = new Set([r.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const x of Object.values(api.resources)) {
      if (x.parentId && doomed.has(x.parentId) && !doomed.has(x.id)) {
        doomed.add(x.id);
        grew = true;
      }
    }
  }
  for (const id of doomed) delete api.resources[id];
  await gw.save(api);
  return {};
}
