/** DeleteStateMachine (a machine that does not exist is already deleted): https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html */
import type { RequestContext } from "../../../core/service.js";
import { parseStateMachineArn } from "../names.js";
import type { StatesService } from "../states-service.js";

export async function deleteStateMachine(input: { stateMachineArn: string }, ctx: RequestContext, sfn: StatesService) {
  const ref = parseStateMachineArn(input.stateMachineArn);
  const m = sfn.stateMachines.get(input.stateMachineArn);
  if (m && ref.accountId === ctx.accountId && ref.region === ctx.region) await sfn.remove(m);
  return {};
}
