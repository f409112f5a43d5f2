/**
 * ListLayerVersions: the versions of one layer, newest first, optionally only those declaring
 * a runtime or architecture. An unknown layer has no versions.
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListLayerVersions.html
 */
import type { RequestContext } from "../../../core/service.js";
import { checkLayerFilter, matchesFilter, parseLayerName, type LayerFilter } from "../layer-input.js";
import { layerVersionListItem } from "../layer-output.js";
import type { LambdaService } from "../lambda-service.js";
import { page } from "../paging.js";

/** Sorts newest first under paging's ascending keys. */
const MAX_KEY = 9_999_999_999;

export function listLayerVersions(input: LayerFilter & { LayerName: string; Marker?: string }, ctx: RequestContext, lambda: LambdaService) {
  const ref = parseLayerName(input.LayerName, ctx);
  checkLayerFilter(input);
  const versions = lambda.layers.versionsOf(ref.accountId, ref.region, ref.layerName).filter((l) => matchesFilter(l, input));
  const { items, next } = page(versions, (l) => String(MAX_KEY - l.version).padStart(10, "0"), input.Marker, input.MaxItems);
  return { LayerVersions: items.map(layerVersionListItem), NextMarker: next };
}
