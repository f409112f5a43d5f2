/**
 * Alias rules shared by CreateAlias and UpdateAlias: the name, the target version, and weighted
 * routing to at most one additional published version.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html
 */
import { LambdaErrors } from "./errors.js";
import { ALIAS_NAME_PATTERN, functionArn } from "./names.js";
import type { FunctionRecord } from "./types.js";

export function checkAliasName(name: string): void {
  if (!name || name.length > 128 || !ALIAS_NAME_PATTERN.test(name)) {
    throw LambdaErrors.validation(name, "name", "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
  }
}

export function checkTargetVersion(fn: FunctionRecord, version: string): void {
  if (version !== "$LATEST" && !fn.versions[version]) throw LambdaErrors.functionNotFound(functionArn(fn, version));
}

export function checkRouting(fn: FunctionRecord, primary: string, routing: { AdditionalVersionWeights?: Record<string, number> } | undefined): void {
  const weights = routing?.AdditionalVersionWeights;
  if (!weights || Object.keys(weights).length === 0) return;
  const entries = Object.entries(weights);
  if (entries.length > 1) throw LambdaErrors.invalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1");
  if (primary === "$LATEST") throw LambdaErrors.invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
  for (const [version, weight] of entries) {
    if (!/^\d+$/.test(version)) throw LambdaErrors.invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
    if (typeof weight !== "number" || weight < 0 || weight > 1) {
      throw LambdaErrors.validation(weight, "routingConfig.additionalVersionWeights", "Member must have value less than or equal to 1.0 and greater than or equal to 0.0");
    }
    if (version === primary) throw LambdaErrors.invalidParameter(`Invalid function version ${version}. Function version ${version} is already included in routing configuration.`);
    if (!fn.versions[version]) throw LambdaErrors.invalidParameter(`Version ${version} does not exist`);
  }
}

export function aliasArn(fn: FunctionRecord, name: string): string {
  return functionArn(fn, name);
}
