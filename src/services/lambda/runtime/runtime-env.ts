/**
 * The environment variables of an execution environment: what AWS defines, then the
 * function's own (which win, except over the reserved keys AWS never lets a function set).
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 *
 * The child gets a clean environment, not a copy of Stratus's: a handler must not see the
 * developer's real credentials or profile, only the test credentials below and Stratus's endpoint.
 */
import { randomBytes } from "node:crypto";
import { delimiter, dirname, join } from "node:path";
import type { FunctionRuntimeSpec } from "./types.js";
import { stratusNodeModules, type RuntimeInfo } from "./runtimes.js";

/** Keys a function's configuration cannot override (AWS's reserved list, plus ours). */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
  "TZ",
  "STRATUS_OPT_DIR",
]);

/**
 * Credentials handed to functions (AWS gives them the execution role's). By default the access
 * key id is the function's account id (a 12-digit key names the account to Stratus, so calls a
 * handler makes land in its own account) and any signature is accepted. A server started with
 * credentials passes them instead, so handlers' signed calls verify.
 */
export interface FunctionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const DEFAULT_SECRET_ACCESS_KEY = "test";
export const DEFAULT_SESSION_TOKEN = "test";

/** `2026/01/31/[$LATEST]0123456789abcdef0123456789abcdef`, AWS's stream name format. */
export function newLogStreamName(nowMs: number, version: string): string {
  const d = new Date(nowMs);
  const ymd = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
  return `${ymd}/[${version}]${randomBytes(16).toString("hex")}`;
}

export interface EnvironmentInputs {
  spec: FunctionRuntimeSpec;
  info: RuntimeInfo;
  /** `host:port` of this environment's Runtime API server. */
  runtimeApi: string;
  /** The merged layers directory (our `/opt`). */
  optDir: string;
  /** Where the bootstraps live (`/var/runtime` on AWS). */
  runtimeDir: string;
  logStreamName: string;
  credentials?: FunctionCredentials;
}

export function buildEnvironment(i: EnvironmentInputs): Record<string, string> {
  const { spec, info, optDir } = i;
  // The function's own account credential (signature-verifying servers), else the engine's.
  const credentials = spec.credentials ?? i.credentials;
  const env: Record<string, string> = {
    // Unreserved: a function may extend or replace these.
    LANG: "en_US.UTF-8",
    PATH: joinPaths([dirname(process.execPath), ...(process.env.PATH ?? "").split(delimiter), join(optDir, "bin")]),
    LD_LIBRARY_PATH: joinPaths([...(process.env.LD_LIBRARY_PATH ?? "").split(delimiter), spec.codeDir, join(spec.codeDir, "lib"), join(optDir, "lib")]),
    AWS_ENDPOINT_URL: spec.endpointUrl,
  };
  if (info.family === "node") {
    // AWS: /opt/nodejs/node20/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task
    env.NODE_PATH = joinPaths([
      join(optDir, "nodejs", `node${info.version}`, "node_modules"),
      join(optDir, "nodejs", "node_modules"),
      stratusNodeModules(),
      i.runtimeDir,
      spec.codeDir,
    ]);
  }
  if (info.family === "python") {
    // Function code and layers are read-only on AWS; here they may be a developer's own
    // directory, so Python must not leave __pycache__ folders in them.
    env.PYTHONDONTWRITEBYTECODE = "1";
    env.PYTHONPATH = joinPaths([
      i.runtimeDir,
      spec.codeDir,
      join(optDir, "python", "lib", `python${info.version}`, "site-packages"),
      join(optDir, "python"),
    ]);
  }
  for (const [key, value] of Object.entries(spec.environment)) {
    if (!RESERVED_KEYS.has(key)) env[key] = value;
  }
  Object.assign(env, {
    AWS_LAMBDA_RUNTIME_API: i.runtimeApi,
    LAMBDA_TASK_ROOT: spec.codeDir,
    LAMBDA_RUNTIME_DIR: i.runtimeDir,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: i.logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_ACCESS_KEY_ID: credentials?.accessKeyId ?? spec.accountId,
    AWS_SECRET_ACCESS_KEY: credentials?.secretAccessKey ?? DEFAULT_SECRET_ACCESS_KEY,
    TZ: ":UTC",
    STRATUS_OPT_DIR: optDir,
  });
  const sessionToken = credentials ? credentials.sessionToken : DEFAULT_SESSION_TOKEN;
  if (sessionToken !== undefined) env.AWS_SESSION_TOKEN = sessionToken;
  if (spec.handler !== undefined) env._HANDLER = spec.handler;
  // "not defined for OS-only runtimes (the provided family)"
  if (info.family !== "provided") env.AWS_EXECUTION_ENV = `AWS_Lambda_${spec.runtime}`;
  return env;
}

function joinPaths(parts: Array<string | undefined>): string {
  return [...new Set(parts.filter((p): p is string => !!p))].join(delimiter);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
