/**
 * Asynchronous invocation settings (retries, event age, destinations) of `$LATEST`, a version
 * or an alias: validation of the members, where a config is kept, and its output shape.
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-async-destinations
 */
import type { RequestContext } from "../../core/service.js";
import { LambdaErrors } from "./errors.js";
import type { LambdaService } from "./lambda-service.js";
import { functionArn, parseFunctionName } from "./names.js";
import { checkQualifier, targetExists } from "./qualifier-target.js";
import type { EventInvokeConfig, FunctionRecord } from "./types.js";

export const MIN_MAXIMUM_EVENT_AGE_SECONDS = 60;
export const MAX_MAXIMUM_EVENT_AGE_SECONDS = 21_600;
export const MAX_MAXIMUM_RETRY_ATTEMPTS = 2;

type Destination = { Destination?: string };
export type DestinationConfig = { OnSuccess?: Destination; OnFailure?: Destination };

export interface EventInvokeConfigInput {
  FunctionName: string;
  Qualifier?: string;
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  DestinationConfig?: DestinationConfig;
}

const DESTINATION_PATTERN = "^$|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
const DESTINATION_ARN = /^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;
const FUNCTION_DESTINATION = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9_-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

/** Where the config of a request is kept: the function, and `$LATEST`, a version or an alias. */
export function configKey(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext, lambda: LambdaService, mustExist: boolean): { fn?: FunctionRecord; key: string; arn: string } {
  checkQualifier(input.Qualifier);
  const ref = parseFunctionName(input.FunctionName, ctx, input.Qualifier);
  const key = ref.qualifier ?? "$LATEST";
  const fn = ref.accountId === ctx.accountId ? lambda.functions.find(ref) : undefined;
  if (mustExist && (!fn || !targetExists(fn, ref.qualifier))) throw LambdaErrors.notFound("The function doesn't exist.");
  return { fn, key, arn: functionArn(ref, key) };
}

export function noConfig(arn: string) {
  return LambdaErrors.notFound(`The function ${arn} doesn't have an EventInvokeConfig`);
}

/** The members' constraints, and the rule that at least one setting is given. */
export function checkSettings(input: EventInvokeConfigInput, fn: FunctionRecord, lambda: LambdaService): void {
  const retries = input.MaximumRetryAttempts;
  if (retries !== undefined && (retries < 0 || retries > MAX_MAXIMUM_RETRY_ATTEMPTS)) {
    throw LambdaErrors.validation(retries, "maximumRetryAttempts", retries < 0 ? "Member must have value greater than or equal to 0" : `Member must have value less than or equal to ${MAX_MAXIMUM_RETRY_ATTEMPTS}`);
  }
  const age = input.MaximumEventAgeInSeconds;
  if (age !== undefined && (age < MIN_MAXIMUM_EVENT_AGE_SECONDS || age > MAX_MAXIMUM_EVENT_AGE_SECONDS)) {
    throw LambdaErrors.validation(
      age,
      "maximumEventAgeInSeconds",
      age < MIN_MAXIMUM_EVENT_AGE_SECONDS ? `Member must have value greater than or equal to ${MIN_MAXIMUM_EVENT_AGE_SECONDS}` : `Member must have value less than or equal to ${MAX_MAXIMUM_EVENT_AGE_SECONDS}`,
    );
  }
  if (retries === undefined && age === undefined && input.DestinationConfig === undefined) {
    throw LambdaErrors.invalidParameter("You must specify at least one of error handling or destination setting.");
  }
  if (input.DestinationConfig) checkDestinations(input.DestinationConfig, fn, lambda);
}

/**
 * Destinations are SQS queues, SNS topics, EventBridge buses or Lambda functions (not the
 * function itself; a function of this account must exist).
 */
function checkDestinations(config: DestinationConfig, fn: FunctionRecord, lambda: LambdaService): void {
  const onSuccess = config.OnSuccess?.Destination || undefined;
  const onFailure = config.OnFailure?.Destination || undefined;
  let valid = true;
  for (const [member, arn] of [["onSuccess", onSuccess], ["onFailure", onFailure]] as const) {
    if (arn === undefined) continue;
    if (arn.length > 350) throw LambdaErrors.validation(arn, `destinationConfig.${member}.destination`, "Member must have length less than or equal to 350");
    if (!DESTINATION_ARN.test(arn)) throw LambdaErrors.validation(arn, `destinationConfig.${member}.destination`, `Member must satisfy regular expression pattern: ${DESTINATION_PATTERN}`);
    const service = arn.split(":")[2];
    if (service === "lambda") checkFunctionDestination(arn, fn, lambda);
    else if (service !== "sqs" && service !== "sns" && service !== "events") valid = false;
  }
  if (!valid) {
    const success = onSuccess ? `OnSuccess(destination=${onSuccess})` : "null";
    const failure = onFailure ? `OnFailure(destination=${onFailure})` : "null";
    throw LambdaErrors.invalidParameter(`The provided destination config DestinationConfig(onSuccess=${success}, onFailure=${failure}) is invalid.`);
  }
}

function checkFunctionDestination(arn: string, fn: FunctionRecord, lambda: LambdaService): void {
  const m = FUNCTION_DESTINATION.exec(arn);
  if (!m) throw LambdaErrors.invalidParameter(`The destination ARN ${arn} is invalid.`);
  const [, region, accountId, name] = m;
  if (region === fn.region && accountId === fn.accountId && name === fn.name) throw LambdaErrors.invalidParameter("You can't specify the function as a destination for itself.");
  // Another account's function cannot be checked (it is invisible to this one).
  if (accountId === fn.accountId && !lambda.functions.find({ accountId, region, name })) throw LambdaErrors.invalidParameter(`The destination ARN ${arn} is invalid.`);
}

/** OnSuccess and OnFailure are always present in the output, `{}` when unset (as AWS answers). */
export function normalizeDestinations(config: DestinationConfig | undefined): Required<DestinationConfig> {
  const pick = (d: Destination | undefined) => (d?.Destination ? { Destination: d.Destination } : {});
  return { OnSuccess: pick(config?.OnSuccess), OnFailure: pick(config?.OnFailure) };
}

export function configOutput(config: EventInvokeConfig, arn: string) {
  return {
    LastModified: new Date(config.LastModified),
    FunctionArn: arn,
    MaximumRetryAttempts: config.MaximumRetryAttempts,
    MaximumEventAgeInSeconds: config.MaximumEventAgeInSeconds,
    DestinationConfig: normalizeDestinations(config.DestinationConfig),
  };
}
