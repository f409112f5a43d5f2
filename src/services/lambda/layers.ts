/** Layer versions of every account and region, in memory and written through the store. */
import { layerVersionKey } from "./store/sqlite-lambda-store.js";
import type { LambdaStore } from "./store/lambda-store.js";
import type { LayerVersionRecord } from "./types.js";

export class Layers {
  private readonly byKey = new Map<string, LayerVersionRecord>();
  /** Highest version ever published per layer: numbers are never reused, even after deletion. */
  private readonly lastVersion = new Map<string, number>();

  constructor(private readonly store: LambdaStore) {}

  load(records: LayerVersionRecord[]): void {
    for (const l of records) {
      if (l.deleted) this.countVersion(l);
      else this.remember(l);
    }
  }

  clear(): void {
    this.byKey.clear();
    this.lastVersion.clear();
  }

  get(accountId: string, region: string, layerName: string, version: number): LayerVersionRecord | undefined {
    return this.byKey.get(layerVersionKey({ accountId, region, layerName, version }));
  }

  versionsOf(accountId: string, region: string, layerName: string): LayerVersionRecord[] {
    return [...this.byKey.values()].filter((l) => l.accountId === accountId && l.region === region && l.layerName === layerName).sort((a, b) => b.version - a.version);
  }

  all(accountId: string, region: string): LayerVersionRecord[] {
    return [...this.byKey.values()].filter((l) => l.accountId === accountId && l.region === region);
  }

  nextVersion(accountId: string, region: string, layerName: string): number {
    return (this.lastVersion.get(`${accountId}/${region}/${layerName}`) ?? 0) + 1;
  }

  async add(l: LayerVersionRecord): Promise<void> {
    this.remember(l);
    await this.store.putLayerVersion(l);
  }

  /**
   * Deletes a layer version. Its record stays behind as a tombstone (`deleted`), so that its
   * number is never given out again, even after a restart.
   */
  async remove(l: LayerVersionRecord): Promise<void> {
    this.byKey.delete(layerVersionKey(l));
    await this.store.putLayerVersion({ ...l, deleted: true });
  }

  private remember(l: LayerVersionRecord): void {
    this.byKey.set(layerVersionKey(l), l);
    this.countVersion(l);
  }

  private countVersion(l: LayerVersionRecord): void {
    const k = `${l.accountId}/${l.region}/${l.layerName}`;
    this.lastVersion.set(k, Math.max(this.lastVersion.get(k) ?? 0, l.version));
  }
}
