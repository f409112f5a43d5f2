/**
 * restJson1 routing: each operation's `http` trait (method + URI template) becomes a route.
 * Templates have literal segments, `{Label}` segments and a greedy `{Label+}` tail, and may
 * require literal query keys (`/path?versioning`). More specific routes win.
 * https://smithy.io/2.0/spec/http-bindings.html#http-trait
 */
import type { OperationShape } from "./smithy/shapes.js";

type Segment = { literal: string } | { label: string; greedy: boolean };

export interface RestRoute {
  operation: OperationShape;
  method: string;
  segments: Segment[];
  requiredQuery: Array<[string, string | undefined]>;
  literalCount: number;
}

export interface RestMatch {
  route: RestRoute;
  labels: Record<string, string>;
}

export function buildRestRoutes(operations: OperationShape[]): RestRoute[] {
  const routes: RestRoute[] = [];
  for (const op of operations) {
    if (!op.http) continue;
    const [pathPart, queryPart] = op.http.uri.split("?", 2);
    const segments: Segment[] = pathPart
      .split("/")
      .filter((s) => s.length > 0)
      .map((s) => {
        const m = /^\{([^}]+?)(\+?)\}$/.exec(s);
        return m ? { label: m[1], greedy: m[2] === "+" } : { literal: s };
      });
    const requiredQuery: Array<[string, string | undefined]> = [];
    if (queryPart) {
      for (const pair of queryPart.split("&")) {
        const [k, v] = pair.split("=", 2);
        requiredQuery.push([decodeURIComponent(k), v === undefined ? undefined : decodeURIComponent(v)]);
      }
    }
    routes.push({ operation: op, method: op.http.method, segments, requiredQuery, literalCount: segments.filter((s) => "literal" in s).length });
  }
  // Most literal segments first, then routes with query requirements, so that
  // `/functions/{Name}/policy` beats `/functions/{Name}/{Other}`.
  routes.sort((a, b) => b.literalCount - a.literalCount || b.requiredQuery.length - a.requiredQuery.length || b.segments.length - a.segments.length);
  return routes;
}

export function matchRestRoute(routes: RestRoute[], method: string, path: string, query: URLSearchParams): RestMatch | undefined {
  const parts = path.split("/").filter((s) => s.length > 0);
  for (const route of routes) {
    if (route.method !== method) continue;
    const labels = matchSegments(route.segments, parts);
    if (!labels) continue;
    if (!route.requiredQuery.every(([k, v]) => query.has(k) && (v === undefined || query.get(k) === v))) continue;
    return { route, labels };
  }
  return undefined;
}

/** True when some route has this path but another method (for a 405-style answer). */
export function pathKnown(routes: RestRoute[], path: string): boolean {
  const parts = path.split("/").filter((s) => s.length > 0);
  return routes.some((r) => matchSegments(r.segments, parts) !== undefined);
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if ("literal" in seg) {
      if (parts[i] !== seg.literal) return undefined;
      continue;
    }
    if (seg.greedy) {
      if (i >= parts.length) return undefined;
      labels[seg.label] = parts.slice(i).map(safeDecode).join("/");
      return labels;
    }
    if (parts[i] === undefined) return undefined;
    labels[seg.label] = safeDecode(parts[i]);
  }
  return parts.length === segments.length ? labels : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
