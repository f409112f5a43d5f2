/**
 * Task states, and the Retry / Catch fields Task, Parallel and Map share.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
 */
import type { JsonObject, JsonValue } from "../jsonpath/json.js";
import { isJsonObject } from "../jsonpath/json.js";
import { compileCatch, type Catcher } from "../rules/catch.js";
import { compileRetry, type Retrier } from "../rules/retry.js";
import { MAX_WAIT_SECONDS } from "../rules/wait.js";
import { Messages } from "../rules/validation.js";
import {
  checkAssign,
  checkResultPath,
  checkResultSelector,
  checkTemplate,
  has,
  push,
  readJsonata,
  readNumber,
  resultPathChecker,
  take,
  type Ctx,
} from "./common.js";
import { DiagnosticCodes, error, schema, Sentences } from "./diagnostics.js";
import type { QueryLanguage, TaskState } from "./model.js";
import { readTaskResource, type TaskResource } from "./resource.js";
import type { StateBasics } from "./states-basic.js";

/** Task TimeoutSeconds / HeartbeatSeconds: positive integers up to 99999999. */
const MAX_TASK_SECONDS = MAX_WAIT_SECONDS;

export function compileErrorHandling(ctx: Ctx, raw: JsonObject, loc: string, language: QueryLanguage): { retry: readonly Retrier[]; catch: readonly Catcher[] } | undefined {
  const retry = take(ctx, compileRetry(raw.Retry, loc));
  const catchers = take(ctx, compileCatch(raw.Catch, loc, { checkPath: resultPathChecker }));
  let ok = retry !== undefined && catchers !== undefined;
  if (Array.isArray(raw.Catch)) {
    raw.Catch.forEach((item, i) => {
      if (!isJsonObject(item)) return;
      const at = `${loc}/Catch[${i}]`;
      const foreign = language === "JSONPath" ? "Output" : "ResultPath";
      if (has(item, foreign)) {
        push(ctx, Sentences.wrongLanguageField(language, foreign), at);
        ok = false;
      }
      if (has(item, "Assign") && checkAssign(ctx, item, at, language) === undefined) ok = false;
      if (language === "JSONata" && has(item, "Output") && readJsonata(ctx, item, "Output", at, "any") === undefined) ok = false;
    });
  }
  return ok ? { retry: retry ?? [], catch: catchers ?? [] } : undefined;
}

export function compileTask(ctx: Ctx, raw: JsonObject, base: StateBasics): TaskState | undefined {
  const loc = base.location;
  const language = base.queryLanguage;
  const before = ctx.out.length;
  const resource = checkResource(ctx, raw, loc);
  const timeoutSeconds = readNumber(ctx, raw, loc, language, { field: "TimeoutSeconds", pathField: "TimeoutSecondsPath", min: 1, max: MAX_TASK_SECONDS, integer: true });
  const heartbeatSeconds = readNumber(ctx, raw, loc, language, { field: "HeartbeatSeconds", pathField: "HeartbeatSecondsPath", min: 1, max: MAX_TASK_SECONDS, integer: true });
  if (timeoutSeconds?.kind === "value" && heartbeatSeconds?.kind === "value" && heartbeatSeconds.value >= timeoutSeconds.value) {
    push(ctx, Sentences.heartbeatNotBelowTimeout, `${loc}/HeartbeatSeconds`);
  }
  const parameters = language === "JSONPath" ? checkTemplate(ctx, raw, "Parameters", loc, false) : undefined;
  const args = language === "JSONata" ? readJsonata(ctx, raw, "Arguments", loc, "object") : undefined;
  const resultSelector = checkResultSelector(ctx, raw, loc, language);
  const resultPath = checkResultPath(ctx, raw, loc, language);
  const credentials = has(raw, "Credentials") ? checkCredentials(ctx, raw, loc, language) : undefined;
  const handling = compileErrorHandling(ctx, raw, loc, language);
  if (!resource || !handling || ctx.out.slice(before).some((d) => d.severity === "ERROR")) return undefined;
  return {
    ...base,
    type: "Task",
    resource,
    ...resultPath,
    ...(parameters !== undefined ? { parameters } : {}),
    ...(args !== undefined ? { arguments: args } : {}),
    ...(resultSelector !== undefined ? { resultSelector } : {}),
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    ...(heartbeatSeconds ? { heartbeatSeconds } : {}),
    ...(credentials !== undefined ? { credentials } : {}),
    retry: handling.retry,
    catch: handling.catch,
  };
}

function checkResource(ctx: Ctx, raw: JsonObject, loc: string): TaskResource | undefined {
  if (!has(raw, "Resource")) {
    push(ctx, Messages.fieldRequired("Resource"), loc);
    return undefined;
  }
  const value = raw.Resource;
  const at = `${loc}/Resource`;
  if (typeof value !== "string") {
    push(ctx, Messages.expectedType("String"), at);
    return undefined;
  }
  const reading = readTaskResource(value);
  if (!reading.ok) {
    const code = reading.problem === "notArn" ? DiagnosticCodes.InvalidResource : DiagnosticCodes.SchemaValidationFailed;
    ctx.out.push(error(code, Sentences.resourceNotRecognized(value), at));
    return undefined;
  }
  const resource = reading.resource;
  if (ctx.machineType === "EXPRESS" && (resource.kind === "integration" || resource.kind === "sdk") && resource.pattern !== "request") {
    ctx.out.push(schema(Sentences.expressIntegration(resource.pattern), at));
    return undefined;
  }
  if (ctx.machineType === "EXPRESS" && resource.kind === "activity") {
    ctx.out.push(schema(Sentences.expressActivity, at));
    return undefined;
  }
  return resource;
}

/** Credentials: an object naming the role to assume (RoleArn, or RoleArn.$ / a JSONata expression). */
function checkCredentials(ctx: Ctx, raw: JsonObject, loc: string, language: QueryLanguage): JsonValue | undefined {
  const value = language === "JSONPath" ? checkTemplate(ctx, raw, "Credentials", loc, true) : readJsonata(ctx, raw, "Credentials", loc, "object");
  if (!isJsonObject(value)) return value; // undefined (reported) or a JSONata expression
  if (!has(value, "RoleArn") && !has(value, "RoleArn.$")) {
    push(ctx, Messages.fieldRequired("RoleArn"), `${loc}/Credentials`);
    return undefined;
  }
  return value;
}
