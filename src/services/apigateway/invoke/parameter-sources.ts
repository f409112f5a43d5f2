/**
 * The right-hand side of a parameter mapping: `'static'`, `method.request.{path|querystring|
 * header|multivaluequerystring|multivalueheader}.name`, `method.request.body` /
 * `method.request.body.a.b` (JSONPath into a JSON body), `stageVariables.name`, `context.a.b`,
 * and on responses `integration.response.header.name` / `integration.response.body[.path]`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
 */
import type { ApiCall } from "./api-call.js";
import { requestContext } from "./request-context.js";

/** What an integration answered, for response mappings. */
export interface IntegrationAnswer {
  headers: Array<[string, string]>;
  body: string;
}

/** The mapped value, or undefined when the source is absent (AWS then leaves the target out). */
export function parameterSource(expr: string, call: ApiCall, answer?: IntegrationAnswer): string | undefined {
  if (expr.length >= 2 && expr.startsWith("'") && expr.endsWith("'")) return expr.slice(1, -1);
  const { request } = call;
  const dot = (prefix: string) => (expr.toLowerCase().startsWith(prefix) ? expr.slice(prefix.length) : undefined);
  let name: string | undefined;
  if ((name = dot("method.request.path.")) !== undefined) return call.pathParameters[name];
  if ((name = dot("method.request.querystring.")) !== undefined) return last(request.query.getAll(name));
  if ((name = dot("method.request.multivaluequerystring.")) !== undefined) return join(request.query.getAll(name));
  if ((name = dot("method.request.header.")) !== undefined) return last(headerValues(request.headers, name));
  if ((name = dot("method.request.multivalueheader.")) !== undefined) return join(headerValues(request.headers, name));
  if (expr === "method.request.body") return request.body.toString("utf8");
  if ((name = dot("method.request.body.")) !== undefined) return jsonPath(request.body.toString("utf8"), name);
  if ((name = dot("stagevariables.")) !== undefined) return call.stage.variables[name];
  if ((name = dot("context.")) !== undefined) return contextPath(requestContext(call) as Record<string, unknown>, name);
  if (answer) {
    if ((name = dot("integration.response.header.")) !== undefined) return last(headerValues(answer.headers, name));
    if ((name = dot("integration.response.multivalueheader.")) !== undefined) return join(headerValues(answer.headers, name));
    if (expr === "integration.response.body") return answer.body;
    if ((name = dot("integration.response.body.")) !== undefined) return jsonPath(answer.body, name);
  }
  return undefined;
}

function headerValues(headers: Array<[string, string]>, name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
}

function last(values: string[]): string | undefined {
  return values.length ? values[values.length - 1] : undefined;
}

function join(values: string[]): string | undefined {
  return values.length ? values.join(",") : undefined;
}

function contextPath(root: Record<string, unknown>, path: string): string | undefined {
  let v: unknown = root;
  for (const part of path.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined;
  return v === undefined || v === null ? undefined : typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** `a.b[0].c` into a JSON document (the mapping form of JSONPath, without the leading `$.`). */
function jsonPath(text: string, path: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  for (const part of path.replace(/^\$\.?/, "").split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "")) {
    doc = doc && typeof doc === "object" ? (doc as Record<string, unknown>)[part] : undefined;
  }
  return doc === undefined || doc === null ? undefined : typeof doc === "object" ? JSON.stringify(doc) : String(doc);
}
