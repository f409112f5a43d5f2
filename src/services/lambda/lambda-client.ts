/** Lambda's in-process client for other services (destinations, SNS, Step Functions). */
import { randomUUID } from "node:crypto";
import type { LambdaClientApi } from "../../core/clients.js";
import { LambdaErrors } from "./errors.js";
import { requireReady } from "./function-versions.js";
import { traceId } from "./trace-id.js";
import type { LambdaService } from "./lambda-service.js";

const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9_-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

export function lambdaClient(lambda: LambdaService): LambdaClientApi {
  return {
    async invokeAsync({ functionArn, payload }) {
      const m = FUNCTION_ARN.exec(functionArn);
      const fn = m ? lambda.functions.find({ region: m[1], accountId: m[2], name: m[3] }) : undefined;
      if (!fn) throw LambdaErrors.functionNotFound(functionArn);
      const resolved = lambda.functions.resolve(fn, m![4]);
      await lambda.invoker.enqueue(resolved, payload, randomUUID());
    },

    async invoke({ functionName, accountId, region, payload }) {
      const { fn, ref } = lambda.functions.require(functionName, { accountId, region });
      const resolved = lambda.functions.resolve(fn, ref.qualifier);
      requireReady(resolved.record.config, "invoke");
      const requestId = randomUUID();
      const result = await lambda.invoker.invokeSync(resolved, { requestId, payload, invokedFunctionArn: resolved.invokedArn, traceId: traceId(lambda.clock.now()), tail: false });
      return { payload: result.payload, functionError: result.functionError, executedVersion: resolved.version, requestId };
    },
  };
}
