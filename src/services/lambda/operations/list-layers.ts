/**
 * ListLayers: each layer of the account and region with its latest version that matches the
 * filters (layers with no matching version are left out), by name.
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListLayers.html
 */
import type { RequestContext } from "../../../core/service.js";
import { checkLayerFilter, matchesFilter, type LayerFilter } from "../layer-input.js";
import { layerVersionListItem } from "../layer-output.js";
import type { LambdaService } from "../lambda-service.js";
import { layerArn } from "../names.js";
import { page } from "../paging.js";
import type { LayerVersionRecord } from "../types.js";

export function listLayers(input: LayerFilter & { Marker?: string }, ctx: RequestContext, lambda: LambdaService) {
  checkLayerFilter(input);
  const latest = new Map<string, LayerVersionRecord>();
  for (const l of lambda.layers.all(ctx.accountId, ctx.region)) {
    if (!matchesFilter(l, input)) continue;
    const seen = latest.get(l.layerName);
    if (!seen || seen.version < l.version) latest.set(l.layerName, l);
  }
  const layers = [...latest.values()].sort((a, b) => (a.layerName < b.layerName ? -1 : a.layerName > b.layerName ? 1 : 0));
  const { items, next } = page(layers, (l) => l.layerName, input.Marker, input.MaxItems);
  return {
    Layers: items.map((l) => ({ LayerName: l.layerName, LayerArn: layerArn(l.accountId, l.region, l.layerName), LatestMatchingVersion: layerVersionListItem(l) })),
    NextMarker: next,
  };
}
