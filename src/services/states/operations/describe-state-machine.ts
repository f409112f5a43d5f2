/** DescribeStateMachine: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html */
import type { RequestContext } from "../../../core/service.js";
import type { StatesService } from "../states-service.js";
import type { StateMachineRecord } from "../types.js";

export function describeView(m: StateMachineRecord) {
  return {
    stateMachineArn: m.arn,
    name: m.name,
    status: "ACTIVE",
    definition: m.definition,
    roleArn: m.roleArn,
    type: m.type,
    creationDate: new Date(m.creationDate),
    loggingConfiguration: m.loggingConfiguration,
    tracingConfiguration: m.tracingConfiguration,
    encryptionConfiguration: m.encryptionConfiguration,
    revisionId: m.revisionId,
    description: m.description,
  };
}

export function describeStateMachine(input: { stateMachineArn: string }, ctx: RequestContext, sfn: StatesService) {
  return describeView(sfn.stateMachine(input.stateMachineArn, ctx));
}
