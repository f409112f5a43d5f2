/**
 * A Task state's Resource: which of the forms Step Functions accepts it is.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html#task-types
 * https://docs.aws.amazon.com/step-functions/latest/dg/integrate-services.html
 *
 * - a Lambda function ARN: `arn:aws:lambda:us-east-1:123456789012:function:Name[:qualifier]`
 * - an activity ARN: `arn:aws:states:us-east-1:123456789012:activity:Name`
 * - an optimized integration: `arn:aws:states:::sqs:sendMessage[.sync|.sync:2|.waitForTaskToken]`
 * - an AWS SDK integration: `arn:aws:states:::aws-sdk:s3:listObjectsV2[.waitForTaskToken]`
 */

export type IntegrationPattern = "request" | "sync" | "sync:2" | "waitForTaskToken";

export type TaskResource =
  | {
      readonly kind: "lambda";
      readonly arn: string;
      readonly partition: string;
      readonly region: string;
      readonly account: string;
      readonly functionName: string;
      readonly qualifier?: string;
    }
  | { readonly kind: "activity"; readonly arn: string; readonly partition: string; readonly region: string; readonly account: string; readonly name: string }
  | {
      readonly kind: "integration";
      readonly arn: string;
      readonly partition: string;
      /** e.g. "sqs", "lambda", "states", "dynamodb", "http". */
      readonly service: string;
      /** e.g. "sendMessage", "invoke", "startExecution". */
      readonly action: string;
      readonly pattern: IntegrationPattern;
    }
  | {
      readonly kind: "sdk";
      readonly arn: string;
      readonly partition: string;
      /** The SDK service id, e.g. "s3", "dynamodb". */
      readonly service: string;
      /** The API action in camelCase, e.g. "listObjectsV2". */
      readonly action: string;
      readonly pattern: "request" | "waitForTaskToken";
    };

export type ResourceReading =
  | { readonly ok: true; readonly resource: TaskResource }
  /** `notArn`: not an ARN at all (INVALID_RESOURCE); `unrecognized`: an ARN of no known form. */
  | { readonly ok: false; readonly problem: "notArn" | "unrecognized" };

const PARTITIONS = new Set(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b"]);
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT = /^\d{12}$/;
/** Lambda: "function names" are letters, digits, '-' and '_', at most 64 characters. */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** A version number, $LATEST or an alias name. */
const QUALIFIER = /^(\$LATEST|[A-Za-z0-9_-]{1,128})$/;
/** Activity names: 1 to 80 characters, no whitespace or the characters AWS forbids in names. */
const ACTIVITY_NAME_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

function isActivityName(name: string): boolean {
  if (name.length < 1 || name.length > 80 || ACTIVITY_NAME_FORBIDDEN.test(name)) return false;
  return ![...name].some((c) => {
    const code = c.charCodeAt(0);
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  });
}
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9-]*$/;
const ACTION = /^[A-Za-z][A-Za-z0-9]*$/;

export function readTaskResource(value: string): ResourceReading {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || !PARTITIONS.has(parts[1])) return { ok: false, problem: "notArn" };
  const [, partition, service, region, account] = parts;
  const rest = parts.slice(5);
  if (service === "lambda") {
    if (!REGION.test(region) || !ACCOUNT.test(account) || rest[0] !== "function" || rest.length < 2 || rest.length > 3) return unrecognized();
    const [, functionName, qualifier] = rest;
    if (!FUNCTION_NAME.test(functionName) || (qualifier !== undefined && !QUALIFIER.test(qualifier))) return unrecognized();
    const resource: TaskResource = { kind: "lambda", arn: value, partition, region, account, functionName };
    return { ok: true, resource: qualifier === undefined ? resource : { ...resource, qualifier } };
  }
  if (service !== "states") return unrecognized();
  if (rest[0] === "activity") {
    if (!REGION.test(region) || !ACCOUNT.test(account) || rest.length !== 2 || !isActivityName(rest[1])) return unrecognized();
    return { ok: true, resource: { kind: "activity", arn: value, partition, region, account, name: rest[1] } };
  }
  if (region !== "" || account !== "") return unrecognized();
  if (rest[0] === "aws-sdk") {
    if (rest.length !== 3 || !IDENTIFIER.test(rest[1])) return unrecognized();
    const [action, pattern] = splitPattern(rest[2]);
    if (!ACTION.test(action) || (pattern !== "request" && pattern !== "waitForTaskToken")) return unrecognized();
    return { ok: true, resource: { kind: "sdk", arn: value, partition, service: rest[1], action, pattern } };
  }
  // `.sync:2` puts one more ':' in the ARN.
  const tail = rest.length === 3 && rest[2] === "2" ? [rest[0], `${rest[1]}:2`] : rest;
  if (tail.length !== 2 || !IDENTIFIER.test(tail[0])) return unrecognized();
  const [action, pattern] = splitPattern(tail[1]);
  if (!ACTION.test(action) || pattern === undefined) return unrecognized();
  return { ok: true, resource: { kind: "integration", arn: value, partition, service: tail[0], action, pattern } };
}

function unrecognized(): ResourceReading {
  return { ok: false, problem: "unrecognized" };
}

function splitPattern(text: string): [string, IntegrationPattern | undefined] {
  const dot = text.indexOf(".");
  if (dot < 0) return [text, "request"];
  const suffix = text.slice(dot + 1);
  const pattern = suffix === "sync" || suffix === "sync:2" || suffix === "waitForTaskToken" ? suffix : undefined;
  return [text.slice(0, dot), pattern];
}
