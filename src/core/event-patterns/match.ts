/**
 * Matching a compiled pattern against a flattened event.
 *
 * A pattern is a list of branches (one per `$or` alternative, as event-ruler expands them); a
 * branch is a list of field conditions that must all hold (AND); a field holds when any of its
 * alternatives does (OR): a value passes a matcher, or `exists` is satisfied.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
import type { FieldSpec } from "./compile-operators.js";
import type { FieldValues, FlatEvent, Trail } from "./flatten.js";

export interface FieldCondition extends FieldSpec {
  path: string;
}

export type Branch = readonly FieldCondition[];

export function matchBranches(branches: readonly Branch[], flat: FlatEvent): boolean {
  for (const branch of branches) {
    if (flat.hasTrails ? matchWithTrails(branch, flat) : matchPlain(branch, flat)) return true;
  }
  return false;
}

function matchPlain(branch: Branch, flat: FlatEvent): boolean {
  for (const c of branch) if (!fieldHolds(c, flat.fields.get(c.path))) return false;
  return true;
}

function fieldHolds(c: FieldCondition, field: FieldValues | undefined): boolean {
  if (field === undefined) return c.existsFalse;
  if (c.existsTrue) return true;
  const { matchers } = c;
  for (const v of field.values) {
    for (let i = 0; i < matchers.length; i++) if (matchers[i].test(v)) return true;
  }
  return false;
}

/**
 * With arrays of objects in the event: each field must be satisfied by a value, and the values
 * chosen must not come from different elements of one array (see flatten.ts).
 * `exists: false` is satisfied by absence anywhere in the event (not per element).
 */
function matchWithTrails(branch: Branch, flat: FlatEvent): boolean {
  const choices: Trail[][] = [];
  for (const c of branch) {
    const field = flat.fields.get(c.path);
    if (field === undefined) {
      if (c.existsFalse) continue;
      return false;
    }
    const candidates: Trail[] = [];
    let unconstrained = false;
    for (let i = 0; i < field.values.length && !unconstrained; i++) {
      if (!c.existsTrue && !c.matchers.some((m) => m.test(field.values[i]))) continue;
      const trail = field.trails[i];
      if (trail === null) unconstrained = true;
      else candidates.push(trail);
    }
    if (unconstrained) continue;
    if (candidates.length === 0) return false;
    choices.push(candidates);
  }
  return consistent(choices, 0, new Map());
}

/** Picks one trail per field so that no array is entered at two different elements. */
function consistent(choices: Trail[][], i: number, chosen: Map<number, number>): boolean {
  if (i === choices.length) return true;
  next: for (const trail of choices[i]) {
    const added: number[] = [];
    for (let k = 0; k < trail.length; k += 2) {
      const element = chosen.get(trail[k]);
      if (element === undefined) {
        chosen.set(trail[k], trail[k + 1]);
        added.push(trail[k]);
      } else if (element !== trail[k + 1]) {
        for (const id of added) chosen.delete(id);
        continue next;
      }
    }
    if (consistent(choices, i + 1, chosen)) return true;
    for (const id of added) chosen.delete(id);
  }
  return false;
}
