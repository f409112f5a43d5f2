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

export function matchRoute(resources: Iterable<ResourceRecord>, path: string): RouteMatch | undefined {
  const segments = path.split("/").filter(Boolean).map(safeDecode);
  let best: { match: RouteMatch; score: number[] } | undefined;
  for (const resource of resources) {
    const m = matchOne(resource, segments);
    if (m && (!best || compare(m.score, best.score) > 0)) best = { match: { resource, pathParameters: m.params }, score: m.score };
  }
  return best?.match;
}

function matchOne(resource: ResourceRecord, segments: string[]): { params: Record<string, string>; score: number[] } | undefined {
  const parts = resource.path.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  const score: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.startsWith("{") && part.endsWith("+}")) {
      if (i !== parts.length - 1 || segments.length <= i) return undefined;
      params[part.slice(1, -2)] = segments.slice(i).join("/");
      score.push(0);
      return { params, score };
    }
    if (i >= segments.length) return undefined;
    if (part.startsWith("{")) {
      params[part.slice(1, -1)] = segments[i];
      score.push(1);
    } else if (part === segments[i]) {
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
