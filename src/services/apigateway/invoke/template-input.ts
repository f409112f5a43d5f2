/**
 * Renders a mapping template for a call: `$input` over a body (the method request's, or the
 * integration response's), the method request parameters, `$context` and `$stageVariables`.
 * Templates are parsed once and kept; the parts of the call a template never mentions are not
 * built for it (most templates read `$input` only), which keeps the per-request cost down.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 */
import { compileTemplate, renderMappingTemplate, type CompiledTemplate, type MappingTemplateResult } from "../vtl/index.js";
import type { ApiCall } from "./api-call.js";
import { requestContext } from "./request-context.js";

interface Prepared {
  compiled: CompiledTemplate;
  usesContext: boolean;
  usesStageVariables: boolean;
  usesParams: boolean;
}

const MAX_PREPARED = 2000;
const prepared = new Map<string, Prepared>();

function prepare(template: string): Prepared {
  let p = prepared.get(template);
  if (!p) {
    if (prepared.size >= MAX_PREPARED) prepared.clear();
    // A template can only reach a variable by naming it; `#evaluate` could build a name, so it counts as naming all.
    const dynamic = template.includes("#evaluate");
    p = {
      compiled: compileTemplate(template),
      usesContext: dynamic || template.includes("context"),
      usesStageVariables: dynamic || template.includes("stageVariables"),
      usesParams: dynamic || template.includes("params"),
    };
    prepared.set(template, p);
  }
  return p;
}

/** Whether a template is text only: its output is the same for every call. */
export function isConstantTemplate(template: string): boolean {
  return prepare(template).compiled.constant !== undefined;
}

/** Renders `template` with `$input` over `body`; `extraContext` joins `$context` (e.g. `error`). */
export function renderForCall(template: string, call: ApiCall, body: string, extraContext?: Record<string, unknown>): MappingTemplateResult {
  const p = prepare(template);
  // A text-only template needs none of the call (its text may still say "context").
  if (p.compiled.constant !== undefined) return renderMappingTemplate(p.compiled, { body });
  return renderMappingTemplate(p.compiled, {
    body,
    params: p.usesParams ? requestParams(call) : undefined,
    context: p.usesContext ? (extraContext ? { ...requestContext(call), ...extraContext } : requestContext(call)) : extraContext,
    stageVariables: p.usesStageVariables ? call.stage.variables : undefined,
    overrides: p.usesContext,
  });
}

function requestParams(call: ApiCall) {
  const header: Record<string, string> = {};
  for (const [k, v] of call.request.headers) header[k] = v;
  const querystring: Record<string, string> = {};
  for (const [k, v] of call.request.query) querystring[k] = v;
  return { path: call.pathParameters, querystring, header };
}
