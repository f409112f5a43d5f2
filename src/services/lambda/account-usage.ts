/**
 * What an account uses in one region: functions and code storage (every version's code and
 * every layer version's), as GetAccountSettings reports it and the code storage quota counts it.
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
import type { LambdaService } from "./lambda-service.js";

export function accountUsage(lambda: LambdaService, accountId: string, region: string): { TotalCodeSize: number; FunctionCount: number } {
  const functions = lambda.functions.list(accountId, region);
  let total = 0;
  for (const fn of functions) {
    total += fn.latest.code.size;
    for (const v of Object.values(fn.versions)) total += v.code.size;
  }
  for (const layer of lambda.layers.all(accountId, region)) total += layer.code.size;
  return { TotalCodeSize: total, FunctionCount: functions.length };
}
