/**
 * GetAccount and UpdateAccount: the CloudWatch role and the account's throttle for the Region
 * (AWS's default, 10,000 requests per second with a burst of 5,000). AWS does not let users
 * patch the throttle; Stratus accepts /throttleSettings/rateLimit and /throttleSettings/burstLimit
 * so tests can shrink the account limit (see LIMITATIONS.md).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetAccount.html
 * https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html#UpdateAccount-Patch
 */
import type { OperationHandler, RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { applyPatches, integerValue, numberValue, type PatchOperation } from "../patch.js";
import type { AccountRecord } from "../usage/records.js";
import { accountView } from "../usage/usage-views.js";

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

function getAccount(_input: unknown, ctx: RequestContext, gw: ApiGatewayService) {
  return accountView(gw.usage.state.account(ctx));
}

async function updateAccount(input: { patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const a: AccountRecord = structuredClone(gw.usage.state.account(ctx));
  applyPatches(a, input.patchOperations, [
    {
      path: "/cloudwatchRoleArn",
      ops: ["replace"],
      apply: (t, p) => {
        const v = p.value ?? "";
        if (v !== "" && !ROLE_ARN.test(v)) throw ApiGatewayErrors.badRequest(`The role ARN is not well formed: ${v}`);
        t.cloudwatchRoleArn = v || undefined;
      },
    },
    {
      path: "/throttleSettings/rateLimit",
      ops: ["replace"],
      apply: (t, p) => {
        const n = numberValue(p);
        if (n < 0) throw ApiGatewayErrors.badRequest(`Invalid rate limit specified: ${p.value}`);
        t.throttle.rateLimit = n;
      },
    },
    { path: "/throttleSettings/burstLimit", ops: ["replace"], apply: (t, p) => void (t.throttle.burstLimit = integerValue(p, 0)) },
  ]);
  await gw.usage.state.saveAccount(ctx, a);
  return accountView(a);
}

export const accountOperations: Record<string, OperationHandler<ApiGatewayService>> = {
  GetAccount: getAccount,
  UpdateAccount: updateAccount,
};
