/**
 * Non-proxy integrations (AWS, HTTP, MOCK): the method request is mapped into the integration
 * request (parameters, then the request template chosen by Content-Type under the
 * integration's passthrough behaviour), the backend is called, and its answer is mapped back
 * by the integration response whose selectionPattern matches (the Lambda errorMessage, or the
 * status code), with its response parameters and template.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html
 */
import type { IntegrationRecord } from "../../types.js";
import type { OverrideValue } from "../../vtl/index.js";
import type { ApiCall, Refusal } from "../api-call.js";
import { headerValue, isBinaryBody } from "../binary.js";
import type { InvokeDeps } from "../invoke-api.js";
import { renderForCall } from "../template-input.js";
import { callAwsService } from "./aws-service.js";
import type { BackendAnswer } from "./http-backend.js";
import { callHttp } from "./http.js";
import { mapRequestParameters, type MappedParameters } from "./integration-request.js";
import { knownMockAnswer, rememberMockAnswer } from "./fixed-mock.js";
import { callLambdaCustom } from "./lambda-custom.js";
import { mapIntegrationResponse } from "./integration-response.js";
import type { IntegrationOutcome } from "./run-integration.js";

export type Backend = "lambda" | "aws" | "http" | "mock";

/** The integration request after mapping. */
export interface IntegrationRequest extends MappedParameters {
  body: Buffer;
  /** The content type of the template used (or of the passed-through body). */
  contentType: string;
  /** The body as text, when a template wrote it. */
  text?: string;
}

export async function runMapped(call: ApiCall, deps: InvokeDeps, backend: Backend): Promise<IntegrationOutcome> {
  const integration = call.method.methodIntegration!;
  const known = backend === "mock" ? knownMockAnswer(call, integration) : undefined;
  if (known) return known;
  const mapped = mapRequest(call, integration);
  if ("type" in mapped) return mapped;
  let answer: BackendAnswer;
  switch (backend) {
    case "mock":
      answer = mockAnswer(mapped.text ?? mapped.body.toString("utf8"));
      break;
    case "lambda":
      answer = await callLambdaCustom(call, deps, mapped);
      break;
    case "aws":
      answer = await callAwsService(call, deps, mapped);
      break;
    case "http":
      try {
        answer = await callHttp(call, mapped);
      } catch (err) {
        deps.logger.warn(`apigateway: ${call.api.id} HTTP integration failed: ${(err as Error).message}`);
        return { type: "INTEGRATION_FAILURE" };
      }
      break;
  }
  const outcome = mapIntegrationResponse(call, integration, answer, backend, deps.logger);
  if (backend === "mock" && !("type" in outcome)) rememberMockAnswer(call, integration, mapped.text !== undefined, answer.status, outcome);
  return outcome;
}

/** The parameters and the body the integration gets, or 415 when no template may be used. */
function mapRequest(call: ApiCall, integration: IntegrationRecord): IntegrationRequest | Refusal {
  const params = mapRequestParameters(call);
  const templates = integration.requestTemplates ?? {};
  const contentType = (headerValue(call.request.headers, "content-type") ?? "application/json").split(";", 1)[0].trim().toLowerCase();
  const key = Object.keys(templates).find((k) => k.toLowerCase() === contentType);
  const behaviour = integration.passthroughBehavior ?? "WHEN_NO_MATCH";
  if (key === undefined) {
    const noTemplates = Object.keys(templates).length === 0;
    if (behaviour === "NEVER" || (behaviour === "WHEN_NO_TEMPLATES" && !noTemplates)) return { type: "UNSUPPORTED_MEDIA_TYPE" };
    return { ...params, body: convertBody(call.request.body, integration.contentHandling, isBinaryBody(call)), contentType };
  }
  const rendered = renderForCall(templates[key], call, call.request.body.toString("utf8"));
  const o = rendered.overrides.request;
  Object.assign(params.headers, single(o.header));
  Object.assign(params.path, single(o.path));
  for (const [k, v] of Object.entries(o.querystring)) for (const one of Array.isArray(v) ? v : [v]) params.query.push([k, one]);
  return { ...params, body: Buffer.from(rendered.output), contentType: key, text: rendered.output };
}

/** contentHandling on the request side: CONVERT_TO_TEXT base64-encodes a binary body; CONVERT_TO_BINARY decodes one. */
function convertBody(body: Buffer, handling: string | undefined, binary: boolean): Buffer {
  if (handling === "CONVERT_TO_TEXT" && binary) return Buffer.from(body.toString("base64"));
  if (handling === "CONVERT_TO_BINARY" && !binary) return Buffer.from(body.toString("utf8"), "base64");
  return body;
}

/** MOCK: the request template's `{"statusCode": n}` picks the status (200 without one). */
function mockAnswer(text: string): BackendAnswer {
  return { status: mockStatus(text), headers: [], body: Buffer.alloc(0) };
}

/** The last body read: a method's template usually writes the same text on every call. */
let lastMock: { text: string; status: number } | undefined;

function mockStatus(text: string): number {
  if (lastMock?.text === text) return lastMock.status;
  let status = 200;
  try {
    const doc = JSON.parse(text || "{}") as { statusCode?: unknown };
    if (doc && typeof doc === "object" && doc.statusCode !== undefined) status = Number(doc.statusCode);
  } catch {
    // a body that is not JSON leaves the status at 200
  }
  status = Number.isInteger(status) ? status : 200;
  lastMock = { text, status };
  return status;
}

function single(group: Record<string, OverrideValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(group).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]));
}
