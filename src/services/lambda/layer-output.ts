/**
 * Layer versions as the API returns them: the full shape of PublishLayerVersion and
 * GetLayerVersion, and the shorter list item of ListLayers and ListLayerVersions.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetLayerVersion.html#API_GetLayerVersion_ResponseSyntax
 */
import { codeSha256 } from "./code-input.js";
import { codeLocation } from "./code-location.js";
import { layerArn } from "./names.js";
import type { LayerVersionRecord } from "./types.js";

export function layerVersionListItem(l: LayerVersionRecord) {
  return {
    LayerVersionArn: layerArn(l.accountId, l.region, l.layerName, l.version),
    Version: l.version,
    Description: l.description ?? "",
    CreatedDate: l.createdDate,
    CompatibleRuntimes: l.compatibleRuntimes,
    LicenseInfo: l.licenseInfo,
    CompatibleArchitectures: l.compatibleArchitectures,
  };
}

export function layerVersionOutput(l: LayerVersionRecord, endpoint: string) {
  return {
    Content: { Location: codeLocation(l.code, endpoint).Location, CodeSha256: codeSha256(l.code), CodeSize: l.code.size },
    LayerArn: layerArn(l.accountId, l.region, l.layerName),
    ...layerVersionListItem(l),
  };
}
