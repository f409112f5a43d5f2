/**
 * State machine aliases: Create, Describe, Update, Delete, List. An alias routes executions to
 * one or two versions by weight.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachineAlias.html
 */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import { checkName, parseStateMachineArn } from "../names.js";
import type { StatesService } from "../states-service.js";
import type { AliasRecord, StateMachineRecord } from "../types.js";
import { aliasArn, checkRouting, conflict } from "../versions.js";

type Routing = Array<{ stateMachineVersionArn: string; weight: number }>;

/** The machine the routing's versions belong to (all of one machine). */
function machineOfRouting(routing: Routing | undefined, ctx: RequestContext, sfn: StatesService): StateMachineRecord {
  const first = routing?.[0]?.stateMachineVersionArn;
  if (!first) throw StatesErrors.validation("1 validation error detected: Value at 'routingConfiguration' failed to satisfy constraint: Member must have length between 1 and 2");
  const ref = parseStateMachineArn(first);
  return sfn.stateMachine(`arn:aws:states:${ref.region}:${ref.accountId}:stateMachine:${ref.name}`, ctx);
}

function aliasOf(arn: string, ctx: RequestContext, sfn: StatesService): { machine: StateMachineRecord; alias: AliasRecord } {
  const ref = parseStateMachineArn(arn);
  if (ref.qualifier === undefined || /^\d+$/.test(ref.qualifier)) throw StatesErrors.invalidArn(`Invalid ARN: ${arn}`);
  const machine = sfn.stateMachines.get(`arn:aws:states:${ref.region}:${ref.accountId}:stateMachine:${ref.name}`);
  const alias = machine?.aliases?.find((a) => a.name === ref.qualifier);
  if (!machine || !alias || machine.accountId !== ctx.accountId || machine.region !== ctx.region) throw StatesErrors.resourceNotFound(arn);
  return { machine, alias };
}

export async function createStateMachineAlias(input: { name: string; routingConfiguration: Routing; description?: string }, ctx: RequestContext, sfn: StatesService) {
  checkName(input.name);
  if (/^\d+$/.test(input.name)) throw StatesErrors.invalidName(input.name);
  const machine = machineOfRouting(input.routingConfiguration, ctx, sfn);
  const routing = checkRouting(machine, input.routingConfiguration);
  machine.aliases ??= [];
  const existing = machine.aliases.find((a) => a.name === input.name);
  if (existing) {
    // The same alias again is idempotent; a different one is a conflict.
    if (JSON.stringify(existing.routing) === JSON.stringify(routing) && existing.description === input.description) return { stateMachineAliasArn: aliasArn(machine, existing), creationDate: new Date(existing.creationDate) };
    throw conflict(`Failed to create alias because an alias with the same name and a different routing configuration already exists.`);
  }
  const now = ctx.clock.now();
  const alias: AliasRecord = { name: input.name, routing, creationDate: now, updateDate: now, ...(input.description !== undefined ? { description: input.description } : {}) };
  machine.aliases.push(alias);
  await sfn.saveKeepingRevision(machine);
  return { stateMachineAliasArn: aliasArn(machine, alias), creationDate: new Date(now) };
}

export function describeStateMachineAlias(input: { stateMachineAliasArn: string }, ctx: RequestContext, sfn: StatesService) {
  const { machine, alias } = aliasOf(input.stateMachineAliasArn, ctx, sfn);
  return { stateMachineAliasArn: aliasArn(machine, alias), name: alias.name, description: alias.description, routingConfiguration: alias.routing, creationDate: new Date(alias.creationDate), updateDate: new Date(alias.updateDate) };
}

export async function updateStateMachineAlias(input: { stateMachineAliasArn: string; description?: string; routingConfiguration?: Routing }, ctx: RequestContext, sfn: StatesService) {
  const { machine, alias } = aliasOf(input.stateMachineAliasArn, ctx, sfn);
  if (input.description === undefined && input.routingConfiguration === undefined) throw StatesErrors.validation("Either the description or the RoutingConfiguration must be specified");
  if (input.routingConfiguration !== undefined) alias.routing = checkRouting(machine, input.routingConfiguration);
  if (input.description !== undefined) alias.description = input.description;
  alias.updateDate = ctx.clock.now();
  await sfn.saveKeepingRevision(machine);
  return { updateDate: new Date(alias.updateDate) };
}

export async function deleteStateMachineAlias(input: { stateMachineAliasArn: string }, ctx: RequestContext, sfn: StatesService) {
  let found: { machine: StateMachineRecord; alias: AliasRecord };
  try {
    found = aliasOf(input.stateMachineAliasArn, ctx, sfn);
  } catch {
    return {}; // already gone
  }
  found.machine.aliases = found.machine.aliases!.filter((a) => a !== found.alias);
  await sfn.saveKeepingRevision(found.machine);
  return {};
}

export function listStateMachineAliases(input: { stateMachineArn: string }, ctx: RequestContext, sfn: StatesService) {
  const m = sfn.stateMachine(input.stateMachineArn, ctx);
  return { stateMachineAliases: (m.aliases ?? []).map((a) => ({ stateMachineAliasArn: aliasArn(m, a), creationDate: new Date(a.creationDate) })) };
}
