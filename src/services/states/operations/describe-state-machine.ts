/** DescribeStateMachine: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import { parseStateMachineArn } from "../names.js";
import type { StatesService } from "../states-service.js";
import { resolveTarget } from "../versions.js";
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

/** The machine, or one of its versions when the ARN names one (`…:stateMachine:name:3`). */
export function describeStateMachine(input: { stateMachineArn: string }, ctx: RequestContext, sfn: StatesService) {
  const ref = parseStateMachineArn(input.stateMachineArn);
  if (ref.qualifier === undefined) return describeView(sfn.stateMachine(input.stateMachineArn, ctx));
  if (!/^\d+$/.test(ref.qualifier)) throw StatesErrors.invalidArn(`Invalid ARN: ${input.stateMachineArn}`);
  const target = resolveTarget(input.stateMachineArn, ctx, sfn);
  const v = target.machine.versions!.find((x) => String(x.version) === ref.qualifier)!;
  return { ...describeView(target.machine), stateMachineArn: target.versionArn, definition: v.definition, roleArn: v.roleArn, description: v.description, revisionId: v.revisionId, creationDate: new Date(v.creationDate) };
}
