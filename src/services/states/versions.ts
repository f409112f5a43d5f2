/**
 * State machine versions and aliases: publishing, resolving a qualified ARN to the definition
 * it runs, and choosing a version by an alias's weights.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-alias.html
 */
import { ServiceError } from "../../core/errors.js";
import { StatesErrors } from "./errors.js";
import { parseStateMachineArn } from "./names.js";
import type { StatesService } from "./states-service.js";
import type { AliasRecord, StateMachineRecord, VersionRecord } from "./types.js";

export const conflict = (message: string) => new ServiceError("ConflictException", message);

export function versionArn(m: StateMachineRecord, v: VersionRecord): string {
  return `${m.arn}:${v.version}`;
}

export function aliasArn(m: StateMachineRecord, a: AliasRecord): string {
  return `${m.arn}:${a.name}`;
}

/** Publishes the machine's current definition (or returns the version already published from this revision). */
export function publishVersion(m: StateMachineRecord, now: number, description?: string): VersionRecord {
  m.versions ??= [];
  const latest = m.versions.at(-1);
  if (latest && latest.revisionId === m.revisionId) return latest;
  const v: VersionRecord = { version: m.nextVersion ?? 1, definition: m.definition, roleArn: m.roleArn, creationDate: now, revisionId: m.revisionId, ...(description !== undefined ? { description } : {}) };
  m.nextVersion = v.version + 1;
  m.versions.push(v);
  return v;
}

export interface ResolvedTarget {
  machine: StateMachineRecord;
  definition: string;
  roleArn: string;
  versionArn?: string;
  aliasArn?: string;
}

/** What a (possibly qualified) state machine ARN runs: the latest definition, a version, or an alias's pick. */
export function resolveTarget(arn: string, where: { accountId: string; region: string }, sfn: StatesService, random: () => number = Math.random): ResolvedTarget {
  const ref = parseStateMachineArn(arn);
  const base = `arn:aws:states:${ref.region}:${ref.accountId}:stateMachine:${ref.name}`;
  const machine = sfn.stateMachine(base, where);
  if (ref.qualifier === undefined) return { machine, definition: machine.definition, roleArn: machine.roleArn };
  if (/^\d+$/.test(ref.qualifier)) {
    const v = machine.versions?.find((x) => x.version === Number(ref.qualifier));
    if (!v) throw StatesErrors.stateMachineDoesNotExist(arn);
    return { machine, definition: v.definition, roleArn: v.roleArn, versionArn: versionArn(machine, v) };
  }
  const alias = machine.aliases?.find((a) => a.name === ref.qualifier);
  if (!alias) throw StatesErrors.resourceNotFound(arn);
  const pick = pickVersion(alias, random);
  const v = machine.versions?.find((x) => versionArn(machine, x) === pick);
  if (!v) throw StatesErrors.stateMachineDoesNotExist(pick);
  return { machine, definition: v.definition, roleArn: v.roleArn, versionArn: pick, aliasArn: aliasArn(machine, alias) };
}

function pickVersion(alias: AliasRecord, random: () => number): string {
  let roll = random() * 100;
  for (const r of alias.routing) {
    if (roll < r.weight) return r.stateMachineVersionArn;
    roll -= r.weight;
  }
  return alias.routing.at(-1)!.stateMachineVersionArn;
}

/** Checks an alias's routing: one or two versions of this machine, weights 0–100 adding up to 100. */
export function checkRouting(m: StateMachineRecord, routing: Array<{ stateMachineVersionArn: string; weight: number }> | undefined): Array<{ stateMachineVersionArn: string; weight: number }> {
  if (!routing || routing.length < 1 || routing.length > 2) throw StatesErrors.validation("1 validation error detected: Value at 'routingConfiguration' failed to satisfy constraint: Member must have length between 1 and 2");
  let total = 0;
  for (const r of routing) {
    if (!Number.isInteger(r.weight) || r.weight < 0 || r.weight > 100) throw StatesErrors.validation("1 validation error detected: Value at 'routingConfiguration.member.weight' failed to satisfy constraint: Member must have value between 0 and 100");
    if (!m.versions?.some((v) => versionArn(m, v) === r.stateMachineVersionArn)) throw StatesErrors.resourceNotFound(r.stateMachineVersionArn);
    total += r.weight;
  }
  if (new Set(routing.map((r) => r.stateMachineVersionArn)).size !== routing.length) throw StatesErrors.validation("Routing configuration must contain distinct state machine versions");
  if (total !== 100) throw StatesErrors.validation("Sum of routing configuration weights must be equal to 100");
  return routing.map((r) => ({ stateMachineVersionArn: r.stateMachineVersionArn, weight: r.weight }));
}
