/**
 * `paths`: each path becomes a resource path (with the document's base path ignored, prepended
 * or split in, as the `basepath` import parameter says) and each operation under it a method;
 * x-amazon-apigateway-any-method is ANY. Keys that are not operations are reported the way
 * AWS's parser reports them ("Parse issue: attribute paths.'/pets'.fetch is unexpected").
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-basePath.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html
 */
import type { PathDraft } from "./definition.js";
import { methodAt } from "./import-report.js";
import { isObject, objectAt, stringAt } from "./json-value.js";
import { deref } from "./refs.js";
import type { ReadContext } from "./read-context.js";
import { readMethod, type MethodEnv } from "./read-method.js";

export type BasePathMode = "ignore" | "prepend" | "split";

const ANY_KEY = "x-amazon-apigateway-any-method";
const METHOD_KEYS: Record<string, string> = { get: "GET", put: "PUT", post: "POST", delete: "DELETE", options: "OPTIONS", head: "HEAD", patch: "PATCH", [ANY_KEY]: "ANY" };
const OTHER_KEYS: Record<string, Set<string>> = {
  oas3: new Set(["$ref", "summary", "description", "servers", "parameters"]),
  swagger2: new Set(["$ref", "parameters"]),
};

export function readPaths(ctx: ReadContext, env: MethodEnv, mode: BasePathMode): PathDraft[] {
  if (ctx.doc.paths === undefined) ctx.report.warn("Parse issue: attribute paths is missing");
  else if (!isObject(ctx.doc.paths)) ctx.report.warn("Parse issue: attribute paths is not of type `object`");
  const base = mode === "ignore" ? [] : segments(basePathOf(ctx));
  const prefix = mode === "split" ? base.slice(1) : base;
  const byPath = new Map<string, PathDraft>();
  for (const [docPath, raw] of Object.entries(objectAt(ctx.doc.paths) ?? {})) {
    if (!docPath.startsWith("/")) {
      ctx.report.warn(`Parse issue: attribute paths. Resource ${docPath} should start with /`);
      continue;
    }
    const item = deref(ctx.doc, raw).value;
    if (!isObject(item)) {
      ctx.report.warn(`Parse issue: attribute paths.'${docPath}' is not of type \`object\``);
      continue;
    }
    const resourcePath = `/${[...prefix, ...segments(docPath)].join("/")}`;
    const draft = byPath.get(resourcePath) ?? { path: resourcePath, methods: [] };
    byPath.set(resourcePath, draft);
    for (const [key, op] of Object.entries(item)) {
      if (OTHER_KEYS[ctx.kind].has(key) || (key.startsWith("x-") && key !== ANY_KEY)) continue;
      if (key === "trace" && ctx.kind === "oas3") {
        ctx.report.error(`Unable to put method ${methodAt("TRACE", resourcePath)}: Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY`);
        continue;
      }
      const httpMethod = METHOD_KEYS[key];
      if (!httpMethod) {
        ctx.report.warn(`Parse issue: attribute paths.'${docPath}'.${key} is unexpected`);
        continue;
      }
      if (!isObject(op)) {
        ctx.report.warn(`Parse issue: attribute paths.'${docPath}'(${key}) is not of type \`object\``);
        continue;
      }
      const method = readMethod(ctx, env, op, item.parameters, { docPath, resourcePath, httpMethod, key });
      if (method) draft.methods = [...draft.methods.filter((m) => m.httpMethod !== httpMethod), method];
    }
  }
  return [...byPath.values()];
}

/**
 * The document's base path. Swagger has `basePath`; OpenAPI 3 has none, so AWS takes the first
 * server's `basePath` variable, else the path part of its URL.
 */
export function basePathOf(ctx: ReadContext): string {
  if (ctx.kind === "swagger2") return stringAt(ctx.doc.basePath) ?? "";
  const server = Array.isArray(ctx.doc.servers) ? objectAt(ctx.doc.servers[0]) : undefined;
  const variable = objectAt(objectAt(server?.variables)?.basePath);
  if (variable) return stringAt(variable.default) ?? "";
  const url = stringAt(server?.url) ?? "";
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*(\/.*)?$/.exec(url);
  if (absolute) return absolute[1] ?? "";
  return url.startsWith("/") ? url : "";
}

const segments = (path: string) => path.split("/").filter((s) => s.length > 0);
