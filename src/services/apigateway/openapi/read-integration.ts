/**
 * x-amazon-apigateway-integration: a method's integration, with the checks PutIntegration
 * makes (operations/methods.ts words them the same way) reported as AWS's import errors
 * ("Unable to put integration on 'GET' for resource at path '/pets': …"). Its `responses` map
 * becomes the integration responses: the key is the selection pattern ("default" = none), the
 * value's statusCode the response they produce.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration-responses.html
 */
import type { IntegrationResponseRecord } from "../types.js";
import type { IntegrationDraft } from "./definition.js";
import { methodAt } from "./import-report.js";
import { isEmpty, isObject, numberAt, stringAt, stringListAt, stringMapAt } from "./json-value.js";
import type { ReadContext } from "./read-context.js";

const TYPES = new Set(["HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY"]);
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"]);
const PASSTHROUGH = new Set(["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"]);
const CONTENT_HANDLING = new Set(["CONVERT_TO_TEXT", "CONVERT_TO_BINARY"]);
const CONNECTION_TYPES = new Set(["INTERNET", "VPC_LINK"]);
const STATUS_CODE = /^[1-5]\d\d$/;

export function readIntegration(ctx: ReadContext, raw: unknown, httpMethod: string, path: string): IntegrationDraft | undefined {
  const fail = (why: string) => {
    ctx.report.error(`Unable to put integration on ${methodAt(httpMethod, path, "for")}: ${why}`);
    return undefined;
  };
  if (!isObject(raw)) return fail("Invalid integration specified");
  const typeName = stringAt(raw.type);
  if (!typeName) return fail("Enumeration value for IntegrationType must be non-empty");
  const type = typeName.toUpperCase();
  if (!TYPES.has(type)) return fail(`Invalid integration type specified: ${typeName}`);
  const method = stringAt(raw.httpMethod)?.toUpperCase();
  const uri = stringAt(raw.uri);
  if (type !== "MOCK") {
    if (!method) return fail("Enumeration value for HttpMethod must be non-empty");
    if (!HTTP_METHODS.has(method)) return fail("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
    if (!uri) return fail("Invalid integration URI specified");
    if ((type === "HTTP" || type === "HTTP_PROXY") && !/^https?:\/\//.test(uri)) return fail("Invalid HTTP endpoint specified for URI");
    if ((type === "AWS" || type === "AWS_PROXY") && !uri.startsWith("arn:")) return fail("Invalid ARN specified in the request");
    if ((type === "AWS" || type === "AWS_PROXY") && !/:(path|action)\//.test(uri)) return fail("AWS ARN for integration must contain path or action");
  }
  const passthrough = stringAt(raw.passthroughBehavior)?.toUpperCase() ?? "WHEN_NO_MATCH";
  if (!PASSTHROUGH.has(passthrough)) return fail("Invalid passthrough behavior specified. Valid options are WHEN_NO_MATCH,WHEN_NO_TEMPLATES,NEVER");
  const contentHandling = stringAt(raw.contentHandling)?.toUpperCase();
  if (contentHandling !== undefined && !CONTENT_HANDLING.has(contentHandling)) return fail(`Invalid content handling specified: ${contentHandling}. Valid options are CONVERT_TO_TEXT,CONVERT_TO_BINARY`);
  const timeout = raw.timeoutInMillis === undefined ? 29_000 : numberAt(raw.timeoutInMillis);
  if (timeout === undefined || !Number.isInteger(timeout) || timeout < 50 || timeout > 29_000) return fail("Timeout should be between 50 ms and 29000 ms");
  // AWS records HTTP integrations as INTERNET connections when the document does not say.
  const connectionType = stringAt(raw.connectionType)?.toUpperCase() ?? (type === "HTTP" || type === "HTTP_PROXY" ? "INTERNET" : undefined);
  if (connectionType !== undefined && !CONNECTION_TYPES.has(connectionType)) return fail(`Invalid connection type specified: ${connectionType}. Valid options are INTERNET,VPC_LINK`);
  const responses = readResponses(ctx, raw.responses, httpMethod, path);
  if (responses === undefined) return undefined;
  const requestParameters = stringMapAt(raw.requestParameters);
  const requestTemplates = stringMapAt(raw.requestTemplates);
  const credentials = stringAt(raw.credentials);
  const cacheNamespace = stringAt(raw.cacheNamespace);
  return {
    type,
    ...(method && type !== "MOCK" ? { httpMethod: method } : {}),
    ...(uri ? { uri } : {}),
    ...(connectionType ? { connectionType } : {}),
    ...(credentials ? { credentials } : {}),
    ...(!isEmpty(requestParameters) ? { requestParameters } : {}),
    ...(!isEmpty(requestTemplates) ? { requestTemplates } : {}),
    passthroughBehavior: passthrough,
    ...(contentHandling ? { contentHandling } : {}),
    timeoutInMillis: timeout,
    ...(cacheNamespace ? { cacheNamespace } : {}),
    cacheKeyParameters: stringListAt(raw.cacheKeyParameters) ?? [],
    ...(!isEmpty(responses) ? { integrationResponses: responses } : {}),
  };
}

function readResponses(ctx: ReadContext, raw: unknown, httpMethod: string, path: string): Record<string, IntegrationResponseRecord> | undefined {
  const out: Record<string, IntegrationResponseRecord> = {};
  if (!isObject(raw)) return out;
  for (const [pattern, r] of Object.entries(raw)) {
    if (!isObject(r)) continue;
    const statusCode = stringAt(r.statusCode);
    if (!statusCode || !STATUS_CODE.test(statusCode)) {
      ctx.report.error(`Unable to put integration response on ${methodAt(httpMethod, path, "for")}: 1 validation error detected: Value '${statusCode ?? "null"}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`);
      return undefined;
    }
    const contentHandling = stringAt(r.contentHandling)?.toUpperCase();
    const responseParameters = stringMapAt(r.responseParameters);
    const responseTemplates = stringMapAt(r.responseTemplates);
    out[statusCode] = {
      statusCode,
      ...(pattern !== "default" ? { selectionPattern: pattern } : {}),
      ...(!isEmpty(responseParameters) ? { responseParameters } : {}),
      ...(!isEmpty(responseTemplates) ? { responseTemplates } : {}),
      ...(contentHandling && CONTENT_HANDLING.has(contentHandling) ? { contentHandling } : {}),
    };
  }
  return out;
}
