/**
 * The integration request's parameters: `integration.request.{header|querystring|path}.name`
 * mapped from method request parameters, stage variables, context variables or static
 * values; `{name}` placeholders in the integration URI take the mapped path parameters, and
 * `${stageVariables.name}` the stage's variables.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
 */
import type { ApiCall } from "../api-call.js";
import { parameterSource } from "../parameter-sources.js";

export interface MappedParameters {
  headers: Record<string, string>;
  query: Array<[string, string]>;
  path: Record<string, string>;
}

export function mapRequestParameters(call: ApiCall): MappedParameters {
  const out: MappedParameters = { headers: {}, query: [], path: {} };
  for (const [target, source] of Object.entries(call.method.methodIntegration?.requestParameters ?? {})) {
    const m = /^integration\.request\.(header|querystring|multivaluequerystring|path)\.(.+)$/.exec(target);
    const value = m ? parameterSource(source, call) : undefined;
    if (!m || value === undefined) continue;
    const [, where, name] = m;
    if (where === "header") out.headers[name] = value;
    else if (where === "path") out.path[name] = value;
    else if (where === "multivaluequerystring") for (const v of value.split(",")) out.query.push([name, v]);
    else out.query.push([name, value]);
  }
  return out;
}

/** The integration URI with `{name}` and `${stageVariables.name}` filled in. */
export function resolveUri(uri: string, call: ApiCall, path: Record<string, string>): string {
  return uri
    .replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => call.stage.variables[name] ?? "")
    .replace(/\{([^}+]+)\+?\}/g, (whole, name: string) => (path[name] === undefined ? whole : whole.endsWith("+}") || name === "proxy" ? encodePath(path[name]) : encodeURIComponent(path[name])));
}

/** Encodes each segment of a greedy path value, keeping its slashes. */
function encodePath(value: string): string {
  return value.split("/").map(encodeURIComponent).join("/");
}

/** `url` with query pairs appended. */
export function withQuery(url: string, pairs: Array<[string, string]>): string {
  if (pairs.length === 0) return url;
  const q = new URLSearchParams(pairs).toString();
  return url + (url.includes("?") ? "&" : "?") + q;
}
