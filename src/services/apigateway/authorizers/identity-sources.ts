/**
 * Identity sources: where an authorizer finds the caller's identity. A TOKEN or Cognito
 * authorizer names one header (`method.request.header.Authorization`); a REQUEST authorizer a
 * comma-separated list of headers, query strings, stage variables and `$context` variables.
 * Their values are the result cache's key, and a REQUEST authorizer whose identity sources are
 * not all present and non-empty answers 401 without calling the function.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html (identitySource)
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 */
import type { ApiCall } from "../invoke/api-call.js";
import { requestContext } from "../invoke/request-context.js";

/** A TOKEN or Cognito token source: exactly one request header (AWS's own pattern). */
const TOKEN_SOURCE = /^method\.request\.header\.([a-zA-Z0-9._-]+)$/;

/** One REQUEST identity source. */
const REQUEST_SOURCE = /^(?:method\.request\.(header|querystring)\.([^\s,]+)|(stageVariables)\.([a-zA-Z0-9_]+)|(context)\.([a-zA-Z0-9_.$-]+))$/;

export type IdentitySource = { kind: "header" | "querystring" | "stageVariables" | "context"; name: string };

/** The header a TOKEN or Cognito identity source names, or undefined when it is not one. */
export function tokenHeader(source: string | undefined): string | undefined {
  return source === undefined ? undefined : TOKEN_SOURCE.exec(source)?.[1];
}

/** A REQUEST authorizer's sources: the comma-separated expressions, blanks around them ignored. */
export function splitSources(source: string | undefined): string[] {
  if (source === undefined) return [];
  return source
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** One REQUEST identity source expression, or undefined when it is not a valid one. */
export function parseRequestSource(expr: string): IdentitySource | undefined {
  const m = REQUEST_SOURCE.exec(expr);
  if (!m) return undefined;
  if (m[1]) return { kind: m[1] as "header" | "querystring", name: m[2] };
  if (m[3]) return { kind: "stageVariables", name: m[4] };
  return { kind: "context", name: m[6] };
}

/**
 * The value of one identity source in a call: the last value of a repeated header or query key,
 * as `method.request.header.X` reads it everywhere else.
 */
export function sourceValue(source: IdentitySource, call: ApiCall, extraContext: Record<string, string> = {}): string | undefined {
  switch (source.kind) {
    case "header": {
      const lower = source.name.toLowerCase();
      const values = call.request.headers.filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
      return values.length ? values[values.length - 1] : undefined;
    }
    case "querystring": {
      const values = call.request.query.getAll(source.name);
      return values.length ? values[values.length - 1] : undefined;
    }
    case "stageVariables":
      return call.stage.variables[source.name];
    case "context": {
      if (Object.hasOwn(extraContext, source.name)) return extraContext[source.name];
      let v: unknown = requestContext(call);
      for (const part of source.name.split(".")) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined;
      return v === undefined || v === null || typeof v === "object" ? undefined : String(v);
    }
  }
}

/**
 * The values of a REQUEST authorizer's identity sources (`extraContext`: TestInvokeAuthorizer's
 * additionalContext, consulted for `context.*` first), in order, or undefined when one is
 * missing or empty (the caller then gets 401 Unauthorized without the function running).
 */
export function requestIdentity(identitySource: string | undefined, call: ApiCall, extraContext?: Record<string, string>): string[] | undefined {
  const values: string[] = [];
  for (const expr of splitSources(identitySource)) {
    const source = parseRequestSource(expr);
    const value = source ? sourceValue(source, call, extraContext) : undefined;
    if (value === undefined || value.trim() === "") return undefined;
    values.push(value);
  }
  return values;
}

/** The token a TOKEN or Cognito authorizer reads, or undefined when the header is absent or empty. */
export function tokenValue(identitySource: string | undefined, call: ApiCall): string | undefined {
  const header = tokenHeader(identitySource);
  if (header === undefined) return undefined;
  const value = sourceValue({ kind: "header", name: header }, call);
  return value === undefined || value.trim() === "" ? undefined : value;
}
