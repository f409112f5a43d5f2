/** StopExecution: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html */
import type { RequestContext } from "../../../core/service.js";
import type { StatesService } from "../states-service.js";

export async function stopExecution(input: { executionArn: string; error?: string; cause?: string }, ctx: RequestContext, sfn: StatesService) {
  const e = sfn.execution(input.executionArn, ctx);
  // Stopping a finished execution changes nothing and still succeeds.
  if (e.snapshot.status === "RUNNING") await sfn.executor.advance(e, { kind: "stop", error: input.error, cause: input.cause });
  return { stopDate: new Date(e.stopDate ?? ctx.clock.now()) };
}
