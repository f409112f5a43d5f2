/** UpdateStateMachine: https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import { checkRoleArn } from "../names.js";
import { checkedDefinition, encryptionConfiguration, loggingConfiguration } from "../state-machine-config.js";
import type { StatesService } from "../states-service.js";
import { publishVersion, versionArn } from "../versions.js";
import type { LoggingConfiguration, StateMachineRecord } from "../types.js";

export async function updateStateMachine(
  input: {
    stateMachineArn: string;
    definition?: string;
    roleArn?: string;
    loggingConfiguration?: Partial<LoggingConfiguration>;
    tracingConfiguration?: { enabled?: boolean };
    encryptionConfiguration?: StateMachineRecord["encryptionConfiguration"];
    publish?: boolean;
    versionDescription?: string;
  },
  ctx: RequestContext,
  sfn: StatesService,
) {
  const m = sfn.stateMachine(input.stateMachineArn, ctx);
  if (input.definition === undefined && input.roleArn === undefined && input.loggingConfiguration === undefined && input.tracingConfiguration === undefined && input.encryptionConfiguration === undefined) {
    throw StatesErrors.missingRequiredParameter("Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified");
  }
  const definition = input.definition !== undefined ? checkedDefinition(input.definition, m.type) : m.definition;
  if (input.roleArn !== undefined) checkRoleArn(input.roleArn);
  const logging = input.loggingConfiguration !== undefined ? loggingConfiguration(input.loggingConfiguration, m.loggingConfiguration) : m.loggingConfiguration;
  Object.assign(m, {
    definition,
    roleArn: input.roleArn ?? m.roleArn,
    loggingConfiguration: logging,
    tracingConfiguration: input.tracingConfiguration !== undefined ? { enabled: input.tracingConfiguration.enabled ?? false } : m.tracingConfiguration,
    encryptionConfiguration: input.encryptionConfiguration !== undefined ? encryptionConfiguration(input.encryptionConfiguration) : m.encryptionConfiguration,
  });
  await sfn.save(m);
  if (input.publish) {
    const v = publishVersion(m, ctx.clock.now(), input.versionDescription);
    await sfn.saveKeepingRevision(m);
    return { updateDate: new Date(ctx.clock.now()), revisionId: m.revisionId, stateMachineVersionArn: versionArn(m, v) };
  }
  return { updateDate: new Date(ctx.clock.now()), revisionId: m.revisionId };
}
