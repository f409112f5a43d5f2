/**
 * The members layer operations share: LayerName (a name or a layer ARN), the compatible
 * runtimes and architectures, and the listing filters, with AWS's validation errors.
 * https://docs.aws.amazon.com/lambda/latest/api/API_PublishLayerVersion.html
 */
import { knownRuntimes } from "./known-runtimes.js";
import type { RequestContext } from "../../core/service.js";
import { LambdaErrors } from "./errors.js";
import type { LayerVersionRecord } from "./types.js";

export const MAX_COMPATIBLE_RUNTIMES = 15;
export const MAX_COMPATIBLE_ARCHITECTURES = 2;
export const MAX_LAYER_DESCRIPTION_LENGTH = 256;
export const MAX_LICENSE_INFO_LENGTH = 512;
/** ListLayers and ListLayerVersions return at most 50 items a page. */
export const MAX_LAYER_LIST_ITEMS = 50;

/** Every runtime AWS names: a layer may declare runtimes Stratus itself does not run. */
const ARCHITECTURES = ["x86_64", "arm64"];
const LAYER_NAME_PATTERN = "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+";
const LAYER_NAME = /^(?:arn:[a-zA-Z0-9-]+:lambda:(?<region>[a-zA-Z0-9-]+):(?<account>\d{12}):layer:(?<arnName>[a-zA-Z0-9-_]+)|(?<name>[a-zA-Z0-9-_]+))$/;

export interface LayerRef {
  accountId: string;
  region: string;
  layerName: string;
}

/** A LayerName member: a name in the caller's account and region, or a layer ARN. */
export function parseLayerName(value: string, ctx: RequestContext): LayerRef {
  if (value.length > 140) throw LambdaErrors.validation(value, "layerName", "Member must have length less than or equal to 140");
  const m = LAYER_NAME.exec(value);
  if (!m) throw LambdaErrors.validation(value, "layerName", `Member must satisfy regular expression pattern: ${LAYER_NAME_PATTERN}`);
  const g = m.groups!;
  return g.name ? { accountId: ctx.accountId, region: ctx.region, layerName: g.name } : { accountId: g.account, region: g.region, layerName: g.arnName };
}

export function checkVersionNumber(version: number): void {
  if (version < 1) throw LambdaErrors.invalidParameter("Layer Version Cannot be less than 1");
}

export function checkLayerAttributes(input: { Description?: string; LicenseInfo?: string; CompatibleRuntimes?: string[]; CompatibleArchitectures?: string[] }): void {
  if (input.Description !== undefined && input.Description.length > MAX_LAYER_DESCRIPTION_LENGTH) {
    throw LambdaErrors.validation(input.Description, "description", `Member must have length less than or equal to ${MAX_LAYER_DESCRIPTION_LENGTH}`);
  }
  if (input.LicenseInfo !== undefined && input.LicenseInfo.length > MAX_LICENSE_INFO_LENGTH) {
    throw LambdaErrors.validation(input.LicenseInfo, "licenseInfo", `Member must have length less than or equal to ${MAX_LICENSE_INFO_LENGTH}`);
  }
  const runtimes = input.CompatibleRuntimes;
  if (runtimes !== undefined) {
    const shown = `[${runtimes.join(", ")}]`;
    if (runtimes.length > MAX_COMPATIBLE_RUNTIMES) throw LambdaErrors.validation(shown, "compatibleRuntimes", `Member must have length less than or equal to ${MAX_COMPATIBLE_RUNTIMES}`);
    if (runtimes.some((r) => !knownRuntimes().includes(r))) throw LambdaErrors.validation(shown, "compatibleRuntimes", `Member must satisfy enum value set: [${knownRuntimes().join(", ")}]`);
  }
  const architectures = input.CompatibleArchitectures;
  if (architectures !== undefined) {
    const shown = `[${architectures.join(", ")}]`;
    if (architectures.length > MAX_COMPATIBLE_ARCHITECTURES) throw LambdaErrors.validation(shown, "compatibleArchitectures", `Member must have length less than or equal to ${MAX_COMPATIBLE_ARCHITECTURES}`);
    if (architectures.some((a) => !ARCHITECTURES.includes(a))) {
      throw LambdaErrors.validation(shown, "compatibleArchitectures", "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]");
    }
  }
}

export interface LayerFilter {
  CompatibleRuntime?: string;
  CompatibleArchitecture?: string;
  MaxItems?: number;
}

/** The listing filters and page size of ListLayers and ListLayerVersions. */
export function checkLayerFilter(input: LayerFilter): void {
  if (input.CompatibleRuntime !== undefined && !knownRuntimes().includes(input.CompatibleRuntime)) {
    throw LambdaErrors.validation(input.CompatibleRuntime, "compatibleRuntime", `Member must satisfy enum value set: [${knownRuntimes().join(", ")}]`);
  }
  if (input.CompatibleArchitecture !== undefined && !ARCHITECTURES.includes(input.CompatibleArchitecture)) {
    throw LambdaErrors.validation(input.CompatibleArchitecture, "compatibleArchitecture", "Member must satisfy enum value set: [x86_64, arm64]");
  }
  if (input.MaxItems !== undefined && input.MaxItems > MAX_LAYER_LIST_ITEMS) {
    throw LambdaErrors.validation(input.MaxItems, "maxItems", `Member must have value less than or equal to ${MAX_LAYER_LIST_ITEMS}`);
  }
}

/** A version matches when it declares the runtime and architecture asked for. */
export function matchesFilter(l: LayerVersionRecord, filter: LayerFilter): boolean {
  if (filter.CompatibleRuntime !== undefined && !(l.compatibleRuntimes ?? []).includes(filter.CompatibleRuntime)) return false;
  if (filter.CompatibleArchitecture !== undefined && !(l.compatibleArchitectures ?? []).includes(filter.CompatibleArchitecture)) return false;
  return true;
}
