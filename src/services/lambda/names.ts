/**
 * Function names and ARNs. Every operation that takes a FunctionName accepts a name
 * (`my-function`), a partial ARN (`123456789012:function:my-function`) or a full ARN, each
 * optionally with a `:qualifier` (version or alias) suffix.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_RequestSyntax
 */
import type { RequestContext } from "../../core/service.js";
import { LambdaErrors } from "./errors.js";

const FUNCTION_NAME =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:(?<region>[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):)?(?:(?<account>\d{12}):)?(?:function:)?(?<name>[a-zA-Z0-9_-]+)(?::(?<qualifier>\$LATEST|[a-zA-Z0-9_-]+))?$/;

export const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
export const ALIAS_NAME_PATTERN = /^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/;

export interface FunctionRef {
  accountId: string;
  region: string;
  name: string;
  qualifier?: string;
}

export function parseFunctionName(value: string, ctx: Pick<RequestContext, "accountId" | "region">, qualifierParam?: string): FunctionRef {
  const m = FUNCTION_NAME.exec(value ?? "");
  if (!m || value.length > 170) {
    throw LambdaErrors.validation(value, "functionName", "Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
  }
  const g = m.groups!;
  if (g.name.length > 64) throw LambdaErrors.validation(value, "functionName", "Member must have length less than or equal to 64");
  if (g.region && g.region !== ctx.region) {
    throw LambdaErrors.invalidParameter(`Functions from '${g.region}' are not reachable in this region ('${ctx.region}')`);
  }
  if (g.qualifier && qualifierParam && g.qualifier !== qualifierParam) {
    throw LambdaErrors.invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
  }
  return { accountId: g.account ?? ctx.accountId, region: ctx.region, name: g.name, qualifier: g.qualifier ?? qualifierParam };
}

export function functionArn(ref: { accountId: string; region: string; name: string }, qualifier?: string): string {
  return `arn:aws:lambda:${ref.region}:${ref.accountId}:function:${ref.name}${qualifier ? `:${qualifier}` : ""}`;
}

export function layerArn(accountId: string, region: string, layerName: string, version?: number): string {
  return `arn:aws:lambda:${region}:${accountId}:layer:${layerName}${version !== undefined ? `:${version}` : ""}`;
}

/** `arn:aws:lambda:<region>:<account>:layer:<name>:<version>` */
export function parseLayerVersionArn(arn: string): { region: string; accountId: string; layerName: string; version: number } | undefined {
  const m = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):layer:([a-zA-Z0-9_-]+):(\d+)$/.exec(arn);
  return m ? { region: m[1], accountId: m[2], layerName: m[3], version: Number(m[4]) } : undefined;
}

/** AWS's LastModified format: `2026-01-01T00:00:00.000+0000`. */
export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}
