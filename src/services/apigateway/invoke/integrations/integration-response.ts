/**
 * From the backend's answer to the method response. The integration response is the one whose
 * selectionPattern (a Java regex matching the whole string) matches the Lambda function's
 * errorMessage, or for HTTP, AWS and MOCK the status code; otherwise the default one (no
 * pattern). Lambda's successful answers take the default. Without any, API Gateway answers
 * 500 "Internal server error" (a configuration error). The chosen response's parameters set
 * headers; its template (by the Accept header, else application/json, else the first) renders
 * the body, or the body passes through.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html
 */
import type { Logger } from "../../../../core/logger.js";
import type { IntegrationRecord, IntegrationResponseRecord } from "../../types.js";
import type { ApiCall } from "../api-call.js";
import { headerValue } from "../binary.js";
import { parameterSource } from "../parameter-sources.js";
import { renderForCall } from "../template-input.js";
import type { BackendAnswer } from "./http-backend.js";
import type { Backend } from "./mapped.js";
import type { IntegrationOutcome } from "./run-integration.js";

export function mapIntegrationResponse(call: ApiCall, integration: IntegrationRecord, answer: BackendAnswer, backend: Backend, logger: Logger): IntegrationOutcome {
  const chosen = selectResponse(Object.values(integration.integrationResponses ?? {}), backend === "lambda" ? answer.errorMessage : String(answer.status));
  if (!chosen) {
    logger.warn(`apigateway: ${call.api.id} ${call.request.method} ${call.resource.path}: execution failed due to configuration error: no match for output mapping and no default output mapping configured (endpoint status ${answer.status})`);
    return { type: "API_CONFIGURATION_ERROR" };
  }
  const text = answer.body.toString("utf8");
  const headers: Record<string, string | string[]> = {};
  for (const [target, source] of Object.entries(chosen.responseParameters ?? {})) {
    const name = /^method\.response\.header\.(.+)$/.exec(target)?.[1];
    const value = name ? parameterSource(source, call, { headers: answer.headers, body: text }) : undefined;
    if (name && value !== undefined) headers[name.toLowerCase()] = value;
  }
  let status = Number(chosen.statusCode);
  const templates = chosen.responseTemplates ?? {};
  const type = templateType(Object.keys(templates), headerValue(call.request.headers, "accept"));
  let body: Buffer | string;
  if (type !== undefined && templates[type]) {
    const rendered = renderForCall(templates[type], call, text);
    body = rendered.output;
    headers["content-type"] ??= type;
    if (rendered.overrides.response.status !== undefined) status = rendered.overrides.response.status;
    for (const [k, v] of Object.entries(rendered.overrides.response.header)) headers[k.toLowerCase()] = v;
  } else {
    body = convertResponse(answer.body, chosen.contentHandling);
    headers["content-type"] ??= type ?? "application/json";
  }
  return { status, headers, body };
}

/** The matching integration response: by pattern first, else the default (no pattern). */
export function selectResponse(responses: IntegrationResponseRecord[], subject: string | undefined): IntegrationResponseRecord | undefined {
  if (subject !== undefined) {
    for (const r of responses) {
      if (!r.selectionPattern) continue;
      if (fullMatch(r.selectionPattern, subject)) return r;
    }
  }
  return responses.find((r) => !r.selectionPattern);
}

const compiled = new Map<string, RegExp | null>();

/** Java's Pattern.matches: the whole subject, `.` not matching line breaks. */
function fullMatch(pattern: string, subject: string): boolean {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch {
      re = null; // a pattern JavaScript cannot read matches nothing
    }
    compiled.set(pattern, re);
  }
  return re !== null && re.test(subject);
}

function templateType(types: string[], accept: string | undefined): string | undefined {
  if (types.length === 0) return undefined;
  const wanted = accept?.split(",", 1)[0].split(";", 1)[0].trim().toLowerCase();
  return types.find((t) => t.toLowerCase() === wanted) ?? types.find((t) => t === "application/json") ?? types[0];
}

function convertResponse(body: Buffer, handling: string | undefined): Buffer {
  if (handling === "CONVERT_TO_TEXT") return Buffer.from(body.toString("base64"));
  if (handling === "CONVERT_TO_BINARY") return Buffer.from(body.toString("utf8"), "base64");
  return body;
}
