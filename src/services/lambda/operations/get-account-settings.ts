/**
 * GetAccountSettings: the account's quotas and what it uses in this region.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetAccountSettings.html
 */
import type { RequestContext } from "../../../core/service.js";
import { accountUsage } from "../account-usage.js";
import { MAX_UNZIPPED_BYTES, MAX_ZIPPED_UPLOAD_BYTES } from "../code/limits.js";
import type { LambdaService } from "../lambda-service.js";
import { MAX_TOTAL_CODE_BYTES } from "../limits.js";

export function getAccountSettings(_input: unknown, ctx: RequestContext, lambda: LambdaService) {
  return {
    AccountLimit: {
      TotalCodeSize: MAX_TOTAL_CODE_BYTES,
      CodeSizeUnzipped: MAX_UNZIPPED_BYTES,
      CodeSizeZipped: MAX_ZIPPED_UPLOAD_BYTES,
      ConcurrentExecutions: lambda.concurrency.accountLimit,
      UnreservedConcurrentExecutions: lambda.concurrency.unreserved(ctx.accountId, ctx.region),
    },
    AccountUsage: accountUsage(lambda, ctx.accountId, ctx.region),
  };
}
