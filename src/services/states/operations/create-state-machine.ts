/** CreateStateMachine: https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import { checkName, checkRoleArn, stateMachineArn } from "../names.js";
import { checkedDefinition, encryptionConfiguration, loggingConfiguration } from "../state-machine-config.js";
import type { StatesService } from "../states-service.js";
import { publishVersion, versionArn } from "../versions.js";
import { applyTags, type Tag } from "../tags.js";
import type { LoggingConfiguration, StateMachineRecord, StateMachineType } from "../types.js";

export interface CreateStateMachineInput {
  name: string;
  definition: string;
  roleArn: string;
  type?: StateMachineType;
  loggingConfiguration?: Partial<LoggingConfiguration>;
  tags?: Tag[];
  tracingConfiguration?: { enabled?: boolean };
  encryptionConfiguration?: StateMachineRecord["encryptionConfiguration"];
  publish?: boolean;
  versionDescription?: string;
}

export async function createStateMachine(input: CreateStateMachineInput, ctx: RequestContext, sfn: StatesService) {
  checkName(input.name);
  checkRoleArn(input.roleArn);
  const type = input.type ?? "STANDARD";
  if (type !== "STANDARD" && type !== "EXPRESS") {
    throw StatesErrors.validation(`1 validation error detected: Value '${String(type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`);
  }
  const definition = checkedDefinition(input.definition, type);
  const logging = loggingConfiguration(input.loggingConfiguration);
  const arn = stateMachineArn(ctx.region, ctx.accountId, input.name);
  const existing = sfn.stateMachines.get(arn);
  if (existing) {
    // The same request again is idempotent; anything different is a conflict.
    if (existing.definition !== definition || existing.roleArn !== input.roleArn || existing.type !== type) throw StatesErrors.stateMachineAlreadyExists(arn);
    return { stateMachineArn: arn, creationDate: new Date(existing.creationDate) };
  }
  const record: StateMachineRecord = {
    arn,
    accountId: ctx.accountId,
    region: ctx.region,
    name: input.name,
    type,
    definition,
    roleArn: input.roleArn,
    loggingConfiguration: logging,
    tracingConfiguration: { enabled: input.tracingConfiguration?.enabled ?? false },
    encryptionConfiguration: encryptionConfiguration(input.encryptionConfiguration),
    creationDate: ctx.clock.now(),
    revisionId: "",
    tags: applyTags(arn, {}, input.tags),
  };
  await sfn.save(record);
  if (input.publish) {
    const v = publishVersion(record, record.creationDate, input.versionDescription);
    await sfn.saveKeepingRevision(record);
    return { stateMachineArn: arn, creationDate: new Date(record.creationDate), stateMachineVersionArn: versionArn(record, v) };
  }
  return { stateMachineArn: arn, creationDate: new Date(record.creationDate) };
}
