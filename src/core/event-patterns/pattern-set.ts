/**
 * Many compiled patterns matched against one event at a time: an SNS topic's filtered
 * subscriptions, an event bus's rules.
 *
 * Why: a topic with 1,000 filtered subscriptions must still publish thousands of messages a
 * second. Each event is flattened once (only the paths some pattern reads), and patterns are
 * indexed by an exact string they require: a branch whose field accepts only exact strings
 * (`"store": ["a", "b"]`) can match only an event holding one of them at that path, so only
 * the patterns indexed under the event's values are tried. Patterns with a branch that has no
 * such field are tried on every event. The index only narrows the candidates; every candidate
 * is matched in full, so results are the same as trying every pattern.
 */
import type { CompiledPattern } from "./compile.js";
import { flattenEvent, pathPrefixes } from "./flatten.js";
import type { Branch } from "./match.js";
import { ExactStrings } from "./value-matchers.js";

interface Entry<K> {
  key: K;
  pattern: CompiledPattern;
  seq: number;
  /** Per branch, the (path, values) it requires; undefined when some branch has none. */
  guards?: { path: string; values: ReadonlySet<string> }[];
}

export class PatternSet<K> {
  private readonly entries = new Map<K, Entry<K>>();
  /** path → exact string → patterns that need it there. */
  private readonly index = new Map<string, Map<string, Set<Entry<K>>>>();
  private readonly unindexed = new Set<Entry<K>>();
  private prefixes: ReadonlySet<string> | undefined;
  private seq = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Adds a pattern under `key`, replacing the one it had. */
  add(key: K, pattern: CompiledPattern): void {
    this.delete(key);
    const entry: Entry<K> = { key, pattern, seq: this.seq++, guards: guardsOf(pattern.branches) };
    this.entries.set(key, entry);
    if (!entry.guards) {
      this.unindexed.add(entry);
    } else {
      for (const { path, values } of entry.guards) {
        let byValue = this.index.get(path);
        if (!byValue) this.index.set(path, (byValue = new Map()));
        for (const v of values) {
          let set = byValue.get(v);
          if (!set) byValue.set(v, (set = new Set()));
          set.add(entry);
        }
      }
    }
    this.prefixes = undefined;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.unindexed.delete(entry);
    for (const { path, values } of entry.guards ?? []) {
      const byValue = this.index.get(path);
      if (!byValue) continue;
      for (const v of values) {
        const set = byValue.get(v);
        set?.delete(entry);
        if (set?.size === 0) byValue.delete(v);
      }
      if (byValue.size === 0) this.index.delete(path);
    }
    this.prefixes = undefined;
    return true;
  }

  /** The keys whose pattern matches the event, in the order they were added. */
  matching(event: unknown): K[] {
    if (typeof event !== "object" || event === null || Array.isArray(event) || this.entries.size === 0) return [];
    this.prefixes ??= pathPrefixes([...this.entries.values()].flatMap((e) => [...e.pattern.paths]));
    const flat = flattenEvent(event, this.prefixes);
    const hits: Entry<K>[] = [];
    for (const e of this.unindexed) if (e.pattern.matchesFlat(flat)) hits.push(e);
    let tried: Set<Entry<K>> | undefined;
    for (const [path, byValue] of this.index) {
      const field = flat.fields.get(path);
      if (!field) continue;
      for (const v of field.values) {
        if (typeof v !== "string") continue;
        const candidates = byValue.get(v);
        if (!candidates) continue;
        for (const e of candidates) {
          tried ??= new Set();
          if (tried.has(e)) continue;
          tried.add(e);
          if (e.pattern.matchesFlat(flat)) hits.push(e);
        }
      }
    }
    if (tried) hits.sort((a, b) => a.seq - b.seq);
    return hits.map((e) => e.key);
  }
}

/** For each branch, its field of exact strings with the fewest values; undefined if a branch has none. */
function guardsOf(branches: readonly Branch[]): Entry<unknown>["guards"] {
  const guards: NonNullable<Entry<unknown>["guards"]> = [];
  for (const branch of branches) {
    let best: { path: string; values: ReadonlySet<string> } | undefined;
    for (const f of branch) {
      if (f.existsTrue || f.existsFalse || f.matchers.length !== 1) continue;
      const m = f.matchers[0];
      if (!(m instanceof ExactStrings)) continue;
      if (!best || m.values.size < best.values.size) best = { path: f.path, values: m.values };
    }
    if (!best) return undefined;
    guards.push(best);
  }
  return guards;
}
