/**
 * DescribeStateMachineForExecution: the definition and role an execution runs with (later
 * updates of the machine do not change it).
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachineForExecution.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { StatesService } from "../states-service.js";

export function describeStateMachineForExecution(input: { executionArn: string }, ctx: RequestContext, sfn: StatesService) {
  const e = sfn.execution(input.executionArn, ctx);
  const machine = sfn.stateMachines.get(e.mapRun ? e.stateMachineArn.slice(0, e.stateMachineArn.lastIndexOf("/")) : e.stateMachineArn);
  return {
    stateMachineArn: e.stateMachineArn,
    name: e.stateMachineName,
    definition: e.definition,
    roleArn: e.roleArn,
    updateDate: new Date(e.startDate),
    loggingConfiguration: machine?.loggingConfiguration ?? { level: "OFF", includeExecutionData: false },
    tracingConfiguration: machine?.tracingConfiguration ?? { enabled: false },
    encryptionConfiguration: machine?.encryptionConfiguration ?? { type: "AWS_OWNED_KEY" },
    // A Distributed Map's child: its Map Run and the Map state's label.
    mapRunArn: e.mapRun?.arn,
    label: e.mapRun ? sfn.executor.mapRuns.runs.get(e.mapRun.arn)?.label : undefined,
  };
}
