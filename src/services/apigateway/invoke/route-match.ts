/**
 * Which resource of a deployment answers a path: the most specific one, segment by segment a
 * literal before a `{param}` before a greedy `{proxy+}`, as API Gateway picks.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
 */
import type { ResourceRecord } from "../types.js";

export interface RouteMatch {
  resource: ResourceRecord;
  pathParameters: Record<string, string>;
}

type Part = { kind: "literal"; text: string } | { kind: "param"; name: string } | { kind: "greedy"; name: string };

interface Route {
  resource: ResourceRecord;
  parts: Part[];
}

/** A set of resources prepared for matching: their paths split once, literal-only paths indexed. */
interface RouteTable {
  routes: Route[];
  /** Resources whose every segment is a literal, by path: such a match beats any other. */
  literal: Map<string, ResourceRecord>;
}

/**
 * Route tables of deployments, by their resources: a deployment is a snapshot whose resources
 * never change after it is created, so its table is built on its first call and kept.
 */
const tables = new WeakMap<Record<string, ResourceRecord>, RouteTable>();

/** Matches against a deployment's resources (which must not change afterwards). */
export function matchDeployedRoute(resources: Record<string, ResourceRecord>, path: string): RouteMatch | undefined {
  let table = tables.get(resources);
  if (!table) tables.set(resources, (table = buildTable(Object.values(resources))));
  // A plain path (nothing to decode, no empty segment) names a literal resource as it is written.
  if (!path.includes("%") && !path.includes("//") && (path === "/" || !path.endsWith("/"))) {
    const resource = table.literal.get(path);
    if (resource) return { resource, pathParameters: {} };
  }
  return bestMatch(table.routes, path);
}

/** Matches against resources that may change between calls (TestInvokeMethod on the API itself). */
export function matchRoute(resources: Iterable<ResourceRecord>, path: string): RouteMatch | undefined {
  return bestMatch(buildTable(resources).routes, path);
}

function buildTable(resources: Iterable<ResourceRecord>): RouteTable {
  const routes: Route[] = [];
  const literal = new Map<string, ResourceRecord>();
  for (const resource of resources) {
    const parts = resource.path.split("/").filter(Boolean).map(partOf);
    routes.push({ resource, parts });
    const key = `/${parts.map((p) => (p.kind === "literal" ? p.text : "")).join("/")}`;
    // Of two resources with one path (not something AWS allows), the scan would pick the first.
    if (parts.every((p) => p.kind === "literal") && !literal.has(key)) literal.set(key, resource);
  }
  return { routes, literal };
}

function partOf(part: string): Part {
  if (part.startsWith("{") && part.endsWith("+}")) return { kind: "greedy", name: part.slice(1, -2) };
  if (part.startsWith("{")) return { kind: "param", name: part.slice(1, -1) };
  return { kind: "literal", text: part };
}

function bestMatch(routes: Route[], path: string): RouteMatch | undefined {
  const segments = path.split("/").filter(Boolean).map(safeDecode);
  let best: { match: RouteMatch; score: number[] } | undefined;
  for (const route of routes) {
    const m = matchOne(route.parts, segments);
    if (m && (!best || compare(m.score, best.score) > 0)) best = { match: { resource: route.resource, pathParameters: m.params }, score: m.score };
  }
  return best?.match;
}

function matchOne(parts: Part[], segments: string[]): { params: Record<string, string>; score: number[] } | undefined {
  if (parts.length > segments.length) return undefined;
  const params: Record<string, string> = {};
  const score: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.kind === "greedy") {
      if (i !== parts.length - 1) return undefined;
      params[part.name] = segments.slice(i).join("/");
      score.push(0);
      return { params, score };
    }
    if (part.kind === "param") {
      params[part.name] = segments[i];
      score.push(1);
    } else if (part.text === segments[i]) {
      score.push(2);
    } else {
      return undefined;
    }
  }
  return parts.length === segments.length ? { params, score } : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? -1;
    const y = b[i] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
