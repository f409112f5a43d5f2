/**
 * An event as patterns see it: every leaf value under its dotted path.
 *
 * Why flatten: AWS matches patterns against `path → values` pairs (event-ruler), which gives
 * the documented behaviours for free:
 * - an array matches when any element does ("resources": ["a", "b"] has two values at
 *   `resources`), and arrays of objects are "crushed" into their parent's path;
 * - keys join with ".", so the pattern key "a.b" and the nested {"a": {"b": …}} both reach the
 *   event's {"a": {"b": …}} and {"a.b": …} (event-ruler's documented caveat);
 * - only leaves count: an empty array or object is no value, so `{"exists": true}` fails and
 *   `{"exists": false}` matches on it.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
 *
 * Array consistency: AWS refuses a match whose fields come from different elements of one
 * array of objects ({"employees": [{"first": "Anna", "last": "Smith"}, {"first": "Peter",
 * "last": "Jones"}]} does not match first=Anna and last=Jones). Each value remembers the
 * (array, element) pairs it sits in, its trail, when it sits in an array of objects or arrays.
 */
import type { Leaf } from "./value-matchers.js";

/**
 * Values nested deeper than this are not seen (Jackson, which reads events for AWS, refuses
 * documents nested deeper than 1,000); it keeps a hostile event from exhausting the stack.
 */
const MAX_DEPTH = 1000;

interface State {
  arrays: number;
  depth: number;
}

/** Pairs of (array id, element index), outermost first. */
export type Trail = readonly number[];

export interface FieldValues {
  values: Leaf[];
  /** Parallel to `values`; null when the value sits in no array of objects. */
  trails: (Trail | null)[];
}

export interface FlatEvent {
  fields: Map<string, FieldValues>;
  /** False when no value has a trail: matching can skip the consistency search. */
  hasTrails: boolean;
}

/**
 * Flattens a JSON object. With `only`, keys whose path is not in the set are skipped: patterns
 * pass the prefixes of the paths they read, so a large event costs only what they look at.
 */
export function flattenEvent(event: object, only?: ReadonlySet<string>): FlatEvent {
  const flat: FlatEvent = { fields: new Map(), hasTrails: false };
  const state = { arrays: 0, depth: 0 };
  walkObject(event as Record<string, unknown>, "", null, flat, only, state);
  return flat;
}

function walkObject(obj: Record<string, unknown>, path: string, trail: Trail | null, flat: FlatEvent, only: ReadonlySet<string> | undefined, state: State): void {
  for (const key of Object.keys(obj)) {
    const p = path === "" ? key : `${path}.${key}`;
    if (only !== undefined && !only.has(p)) continue;
    walk(obj[key], p, trail, flat, only, state);
  }
}

function walk(value: unknown, path: string, trail: Trail | null, flat: FlatEvent, only: ReadonlySet<string> | undefined, state: State): void {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    let field = flat.fields.get(path);
    if (field === undefined) {
      field = { values: [], trails: [] };
      flat.fields.set(path, field);
    }
    field.values.push(value);
    field.trails.push(trail);
    return;
  }
  // undefined, functions, bigints: not JSON, not values.
  if (typeof value !== "object" || state.depth >= MAX_DEPTH) return;
  state.depth++;
  if (Array.isArray(value)) {
    const tracked = value.some((v) => typeof v === "object" && v !== null);
    const id = tracked ? ++state.arrays : 0;
    if (tracked) flat.hasTrails = true;
    for (let i = 0; i < value.length; i++) {
      walk(value[i], path, tracked ? [...(trail ?? []), id, i] : trail, flat, only, state);
    }
  } else {
    walkObject(value as Record<string, unknown>, path, trail, flat, only, state);
  }
  state.depth--;
}

/** Every prefix of the dotted paths, for `flattenEvent`'s `only`. */
export function pathPrefixes(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const path of paths) {
    out.add(path);
    for (let i = path.indexOf("."); i >= 0; i = path.indexOf(".", i + 1)) out.add(path.slice(0, i));
  }
  return out;
}
