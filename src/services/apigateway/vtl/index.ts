/**
 * API Gateway (REST) mapping templates: Velocity 1.7 with `$input`, `$util`, `$context` and
 * `$stageVariables`, rendered the way AWS's Java engine renders them. Pure and I/O-free.
 * See README.md in this folder for what is supported and how it differs from AWS.
 *
 *   renderTemplate(template, { body, params, context, stageVariables }) -> string
 *
 * For an integration response template, pass the integration response body as `body` (and the
 * method request parameters as `params`). Failures throw MappingTemplateError: API Gateway
 * then answers 500 {"message": "Internal server error"}.
 */
import type { ParsedTemplate } from "./ast.js";
import { InputVariable, type RequestParameters } from "./aws-input.js";
import { UtilVariable } from "./aws-util.js";
import { MappingTemplateError } from "./errors.js";
import { JavaList, JavaMap, fromJs, javaToString, type JavaValue } from "./java-values.js";
import { Renderer } from "./renderer.js";
import { parseTemplate as parse } from "./template-parser.js";

export { MappingTemplateError, type TemplateErrorKind, type TemplatePosition } from "./errors.js";
export { escapeJavaScript, urlEncode, urlDecode, base64Encode, base64Decode } from "./aws-util.js";
export * as MAPPING_TEMPLATE_LIMITS from "./limits.js";
export type { RequestParameters } from "./aws-input.js";

export interface MappingTemplateInput {
  /** The method request body (request templates) or the integration response body (response templates). */
  body: string;
  /** Method request parameters, as `$input.params()` shows them. */
  params?: RequestParameters;
  /** `$context`: plain JSON-like values (numbers that are integers become Integer/Long). */
  context?: Record<string, unknown>;
  stageVariables?: Record<string, string>;
  /**
   * Whether `$context.requestOverride` / `$context.responseOverride` exist (default true). A
   * caller that knows the template never mentions `$context` can skip building them.
   */
  overrides?: boolean;
}

export type OverrideValue = string | string[];

/** What the template set through `$context.requestOverride` / `$context.responseOverride`. */
export interface TemplateOverrides {
  request: { header: Record<string, OverrideValue>; path: Record<string, OverrideValue>; querystring: Record<string, OverrideValue> };
  response: { header: Record<string, OverrideValue>; status?: number };
}

export interface MappingTemplateResult {
  output: string;
  overrides: TemplateOverrides;
}

/** A template parsed once, for rendering many times. */
export interface CompiledTemplate {
  readonly source: string;
  /** @internal */
  readonly parsed: ParsedTemplate;
  /**
   * The output of a template that is text only (no reference, no directive), rendered once:
   * it is the same for every input, and templates such as `{"statusCode": 200}` are common.
   */
  readonly constant?: string;
}

export function compileTemplate(template: string): CompiledTemplate {
  const parsed = guard(() => parse(template));
  return { source: template, parsed, constant: constantOutput(parsed) };
}

function constantOutput(parsed: ParsedTemplate): string | undefined {
  if (!parsed.nodes.every((n) => n.type === "text")) return undefined;
  try {
    return new Renderer({ nodes: parsed.nodes, macros: new Map() }, new Map()).render();
  } catch {
    return undefined; // a text that breaks a limit fails on every render, as it would without this
  }
}

/** Renders a request or response mapping template; returns the output only. */
export function renderTemplate(template: string | CompiledTemplate, input: MappingTemplateInput): string {
  return renderMappingTemplate(template, input).output;
}

/** Same as renderTemplate, named for integration response templates (`body` = integration response). */
export function renderResponseTemplate(template: string | CompiledTemplate, input: MappingTemplateInput): MappingTemplateResult {
  return renderMappingTemplate(template, input);
}

/** Renders a template and reports the request/response overrides it set. */
export function renderMappingTemplate(template: string | CompiledTemplate, input: MappingTemplateInput): MappingTemplateResult {
  const compiled = typeof template === "string" ? compileTemplate(template) : template;
  if (compiled.constant !== undefined) return { output: compiled.constant, overrides: NO_OVERRIDES };
  const context = fromJs(input.context ?? {});
  const contextMap = context instanceof JavaMap ? context : new JavaMap();
  const withOverrides = input.overrides !== false;
  const requestOverride = withOverrides
    ? new JavaMap([
        ["header", new JavaMap([], true)],
        ["path", new JavaMap([], true)],
        ["querystring", new JavaMap([], true)],
      ])
    : undefined;
  const responseOverride = withOverrides ? new JavaMap([["header", new JavaMap([], true)]], true) : undefined;
  if (requestOverride && responseOverride) {
    contextMap.entries.set("requestOverride", requestOverride);
    contextMap.entries.set("responseOverride", responseOverride);
  }

  const variables = new Map<string, JavaValue>([
    ["input", new InputVariable(input.body ?? "", input.params ?? {})],
    ["util", new UtilVariable()],
    ["context", contextMap],
    ["stageVariables", fromJs(input.stageVariables ?? {})],
  ]);
  const renderer = new Renderer({ nodes: compiled.parsed.nodes, macros: new Map(compiled.parsed.macros) }, variables);
  const output = guard(() => renderer.render());
  return { output, overrides: requestOverride && responseOverride ? readOverrides(requestOverride, responseOverride) : NO_OVERRIDES };
}

const NO_OVERRIDES: TemplateOverrides = Object.freeze({ request: { header: {}, path: {}, querystring: {} }, response: { header: {} } });

function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      throw new MappingTemplateError("limit", "template nested too deeply");
    }
    throw err;
  }
}

function overrideValue(value: JavaValue): OverrideValue {
  return value instanceof JavaList ? value.items.map(javaToString) : javaToString(value);
}

function readGroup(map: JavaValue): Record<string, OverrideValue> {
  const out: Record<string, OverrideValue> = {};
  if (map instanceof JavaMap) for (const [key, value] of map.entries) if (value !== null) out[key] = overrideValue(value);
  return out;
}

function readOverrides(request: JavaMap, response: JavaMap): TemplateOverrides {
  const status = response.get("status");
  const statusNumber = status === null ? NaN : Number(javaToString(status));
  return {
    request: { header: readGroup(request.get("header")), path: readGroup(request.get("path")), querystring: readGroup(request.get("querystring")) },
    response: {
      header: readGroup(response.get("header")),
      ...(Number.isInteger(statusNumber) ? { status: statusNumber } : {}),
    },
  };
}
