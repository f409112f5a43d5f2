/**
 * awsQuery: form-encoded `Action=…&Version=…` in, XML out, wrapped in
 * `<XResponse><XResult>…</XResult><ResponseMetadata><RequestId>`.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 */
import { ServiceError } from "../core/errors.js";
import type { RequestContext } from "../core/service.js";
import type { CompiledService } from "./compiled-service.js";
import type { ResolvedError } from "./error-shape.js";
import { invokeOperation } from "./invoke.js";
import { escapeXml, readQueryStructure, writeXmlStructure, type QueryParams } from "./query-codec.js";
import type { ProtocolRequest, ProtocolResponse } from "./types.js";
import { decodeInput } from "./validation.js";

export async function handleAwsQuery(service: CompiledService, params: QueryParams, req: ProtocolRequest, ctx: RequestContext): Promise<ProtocolResponse> {
  const action = params.get("Action") ?? "";
  const op = service.operation(action);
  if (!op) throw new ServiceError("InvalidAction", `The action ${action || "(none)"} is not valid for this endpoint.`, { status: 400 });
  service.module.prepareQueryParams?.(params, req, ctx);
  const input = decodeInput(service.module, () => readQueryStructure(op.input, params));
  const output = await invokeOperation(service, action, input, ctx);
  const ns = service.module.query?.xmlNamespace;
  const xmlns = ns ? ` xmlns="${ns}"` : "";
  const result = op.output.members.length > 0 ? `<${action}Result>${writeXmlStructure(op.output, output)}</${action}Result>` : "";
  return {
    status: 200,
    headers: { "content-type": "text/xml" },
    body: `<?xml version="1.0"?><${action}Response${xmlns}>${result}<ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

export function writeAwsQueryError(service: CompiledService | undefined, e: ResolvedError, requestId: string): ProtocolResponse {
  const ns = service?.module.query?.xmlNamespace;
  const xmlns = ns ? ` xmlns="${ns}"` : "";
  return {
    status: e.status,
    headers: { "content-type": "text/xml", ...e.headers },
    body:
      `<?xml version="1.0"?><ErrorResponse${xmlns}><Error><Type>${e.senderFault ? "Sender" : "Receiver"}</Type>` +
      `<Code>${escapeXml(e.queryCode)}</Code><Message>${escapeXml(e.message)}</Message><Detail/></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
