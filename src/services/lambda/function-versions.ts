/**
 * Building and changing function configurations: the configuration a new function or version
 * starts with, the Pending → Active and InProgress → Successful transitions, and publishing.
 * https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html
 */
import { randomUUID } from "node:crypto";
import type { Clock } from "../../core/clock.js";
import { codeSha256 } from "./code-input.js";
import type { ConfigInput } from "./function-config.js";
import * as L from "./limits.js";
import { functionArn, lambdaTimestamp, parseLayerVersionArn } from "./names.js";
import { LambdaErrors } from "./errors.js";
import type { Layers } from "./layers.js";
import type { CodeRef, FunctionConfiguration, FunctionRecord, VersionRecord } from "./types.js";

export function newConfiguration(fn: { accountId: string; region: string; name: string }, input: ConfigInput, code: CodeRef, layers: Layers, now: number): FunctionConfiguration {
  const config: FunctionConfiguration = {
    FunctionName: fn.name,
    FunctionArn: functionArn(fn),
    Runtime: input.Runtime,
    Role: input.Role!,
    Handler: input.Handler,
    CodeSize: code.size,
    Description: input.Description ?? "",
    Timeout: input.Timeout ?? L.DEFAULT_TIMEOUT_SECONDS,
    MemorySize: input.MemorySize ?? L.DEFAULT_MEMORY_MB,
    LastModified: lambdaTimestamp(now),
    CodeSha256: codeSha256(code),
    Version: "$LATEST",
    TracingConfig: { Mode: input.TracingConfig?.Mode ?? "PassThrough" },
    RevisionId: randomUUID(),
    State: "Pending",
    StateReason: "The function is being created.",
    StateReasonCode: "Creating",
    LastUpdateStatus: "Successful",
    PackageType: "Zip",
    Architectures: input.Architectures ?? ["x86_64"],
    EphemeralStorage: { Size: input.EphemeralStorage?.Size ?? L.DEFAULT_EPHEMERAL_STORAGE_MB },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    LoggingConfig: { LogFormat: input.LoggingConfig?.LogFormat ?? "Text", LogGroup: input.LoggingConfig?.LogGroup ?? `/aws/lambda/${fn.name}` },
  };
  applyConfig(config, input, layers, fn);
  return config;
}

/** Applies the members given to UpdateFunctionConfiguration (or CreateFunction) to a configuration. */
export function applyConfig(config: FunctionConfiguration, input: ConfigInput, layers: Layers, fn: { accountId: string; region: string }): void {
  for (const key of ["Role", "Runtime", "Handler", "Description", "Timeout", "MemorySize", "KMSKeyArn"] as const) {
    if (input[key] !== undefined) config[key] = input[key] as never;
  }
  if (input.Environment !== undefined) config.Environment = { Variables: { ...(input.Environment.Variables ?? {}) } };
  if (input.DeadLetterConfig !== undefined) config.DeadLetterConfig = input.DeadLetterConfig.TargetArn ? { TargetArn: input.DeadLetterConfig.TargetArn } : undefined;
  if (input.TracingConfig?.Mode) config.TracingConfig = { Mode: input.TracingConfig.Mode };
  if (input.EphemeralStorage?.Size) config.EphemeralStorage = { Size: input.EphemeralStorage.Size };
  if (input.LoggingConfig) config.LoggingConfig = { ...config.LoggingConfig, ...input.LoggingConfig };
  if (input.Layers !== undefined) config.Layers = resolveLayers(input.Layers, layers, fn);
}

function resolveLayers(arns: string[], layers: Layers, fn: { accountId: string; region: string }) {
  return arns.map((arn) => {
    const ref = parseLayerVersionArn(arn);
    const layer = ref && ref.region === fn.region ? layers.get(ref.accountId, ref.region, ref.layerName, ref.version) : undefined;
    if (!layer) throw LambdaErrors.invalidParameter(`Layer version ${arn} does not exist.`);
    // The code reference rides along (not part of the wire shape): a function keeps running
    // on a layer version deleted after it was configured, as on AWS.
    return { Arn: arn, CodeSize: layer.code.size, code: layer.code };
  });
}

/**
 * Marks a change that takes a moment on AWS (creating, updating) and completes it on the next
 * turn of the clock, so waiters (`waitUntilFunctionActiveV2`, `…UpdatedV2`) see the same states.
 */
export function beginTransition(version: VersionRecord, kind: "create" | "update", clock: Clock, persist: () => Promise<void>): void {
  const c = version.config;
  if (kind === "create") {
    c.State = "Pending";
    c.StateReason = "The function is being created.";
    c.StateReasonCode = "Creating";
  } else {
    c.LastUpdateStatus = "InProgress";
    c.LastUpdateStatusReason = "The function is being created.";
    c.LastUpdateStatusReasonCode = "Creating";
  }
  clock.setTimer(clock.now(), () => {
    c.State = "Active";
    c.LastUpdateStatus = "Successful";
    delete c.StateReason;
    delete c.StateReasonCode;
    delete c.LastUpdateStatusReason;
    delete c.LastUpdateStatusReasonCode;
    void persist();
  });
}

/** Refuses work on a function that is not Active yet (AWS's ResourceConflictException). */
export function requireReady(config: FunctionConfiguration, action: "invoke" | "update"): void {
  if (config.State === "Pending") {
    throw LambdaErrors.conflict(`The operation cannot be performed at this time. The function is currently in the following state: Pending`);
  }
  if (action === "update" && config.LastUpdateStatus === "InProgress") {
    throw LambdaErrors.conflict(`The operation cannot be performed at this time. An update is in progress for resource: ${config.FunctionArn}`);
  }
}

/** PublishVersion: snapshots $LATEST as the next version number, unless $LATEST is unchanged since the last one. */
export function publish(fn: FunctionRecord, description: string | undefined, now: number): { version: string; record: VersionRecord; created: boolean } {
  const latest = fn.latest;
  const last = Object.entries(fn.versions).sort((a, b) => Number(b[0]) - Number(a[0]))[0];
  if (last && sameContent(last[1], latest)) return { version: last[0], record: last[1], created: false };
  const version = String(fn.nextVersion++);
  const config: FunctionConfiguration = {
    ...structuredClone(latest.config),
    Version: version,
    FunctionArn: functionArn(fn, version),
    Description: description ?? latest.config.Description,
    LastModified: lambdaTimestamp(now),
    RevisionId: randomUUID(),
  };
  const record: VersionRecord = { config, code: { ...latest.code } };
  fn.versions[version] = record;
  return { version, record, created: true };
}

/** Two versions are the same when code and configuration (other than bookkeeping) match. */
function sameContent(a: VersionRecord, b: VersionRecord): boolean {
  const strip = (c: FunctionConfiguration) => {
    const { Version: _v, FunctionArn: _a, LastModified: _l, RevisionId: _r, Description: _d, State: _s, LastUpdateStatus: _u, ...rest } = c;
    return JSON.stringify(rest);
  };
  return a.code.sha256 === b.code.sha256 && a.code.localDir === b.code.localDir && strip(a.config) === strip(b.config);
}
