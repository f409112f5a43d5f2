/**
 * `$input` in API Gateway mapping templates: the method request (request templates) or the
 * integration response (response templates).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#input-variable-reference
 *
 * - `$input.body`: the raw payload; an empty payload reads as `{}` (as on AWS).
 * - `$input.path(x)`: the JSONPath result as live Java objects (LinkedHashMap / JSONArray /
 *   String / Integer / Double ...). The payload is parsed once per render and shared, so
 *   `#set($input.path('$').extra = 1)` shows in a later `$input.json('$')`. A payload that is not
 *   JSON reads as one String at `$` (the common `$input.path('$').split('&')` form-body idiom).
 * - `$input.json(x)`: the JSONPath result as compact JSON text (`null` when the path points
 *   nowhere; Doubles keep Java's form, so `10.00` is `10.0`: use `$input.body` to keep digits).
 * - `$input.params()`: a map of `path`, `header`, `querystring` maps; `$input.params(x)`: the
 *   value named x in path, then query string, then headers (names match exactly), else "".
 */
import { JavaException } from "./errors.js";
import { parseJsonToJava } from "./json.js";
import { JsonPathError, readJsonPath } from "./jsonpath.js";
import { HostObject, JavaMap, NO_SUCH, toJson, type JavaValue, type Lookup } from "./java-values.js";

export interface RequestParameters {
  path?: Record<string, string>;
  querystring?: Record<string, string>;
  header?: Record<string, string>;
}

const SEARCH_ORDER = ["path", "querystring", "header"] as const;

export class InputVariable extends HostObject {
  readonly javaClass = "com.amazonaws.apigateway.mapping.Input";
  readonly body: string;
  private parsed: { root: JavaValue } | null = null;
  private readonly params: JavaMap;

  constructor(body: string, params: RequestParameters) {
    super();
    this.body = body === "" ? "{}" : body;
    const group = (values: Record<string, string> | undefined) =>
      new JavaMap(Object.entries(values ?? {}).map(([k, v]) => [k, String(v)] as [string, JavaValue]));
    // Printed and iterated in this order on AWS (path, header, querystring).
    this.params = new JavaMap([
      ["path", group(params.path)],
      ["header", group(params.header)],
      ["querystring", group(params.querystring)],
    ]);
  }

  private root(): JavaValue {
    if (!this.parsed) {
      let root: JavaValue;
      try {
        root = parseJsonToJava(this.body);
      } catch {
        root = this.body;
      }
      this.parsed = { root };
    }
    return this.parsed.root;
  }

  private read(path: string): JavaValue {
    try {
      return readJsonPath(this.root(), path);
    } catch (err) {
      if (err instanceof JsonPathError) throw new JavaException("com.jayway.jsonpath.InvalidPathException", err.message);
      throw err;
    }
  }

  param(name: string): string {
    for (const group of SEARCH_ORDER) {
      const values = this.params.get(group) as JavaMap;
      if (values.entries.has(name)) return values.get(name) as string;
    }
    return "";
  }

  override getProperty(name: string): Lookup {
    return name === "body" ? this.body : NO_SUCH;
  }

  override invoke(name: string, args: JavaValue[]): Lookup {
    const [arg] = args;
    if (name === "getBody" && args.length === 0) return this.body;
    if (name === "params" && args.length === 0) return this.params;
    if (args.length !== 1 || typeof arg !== "string") return NO_SUCH;
    if (name === "params") return this.param(arg);
    if (name === "path") return this.read(arg);
    if (name === "json") return toJson(this.read(arg));
    return NO_SUCH;
  }
}
