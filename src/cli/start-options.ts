/**
 * Turns `stratus start` flags and STRATUS_* environment variables into StartOptions. Pure (no
 * I/O) so that every rule about what a valid command line is lives in one testable place.
 */
import { resolve } from "node:path";
import { isLogLevel, LOG_LEVELS } from "../core/logger.js";
import type { LambdaScalingModel } from "../core/settings.js";
import { parseScalingModel } from "../services/lambda/scaling-limiter.js";
import type { StartOptions } from "../server/start.js";
import { usageError } from "./cli-error.js";
import { parseFlags, parsePort } from "./parse-args.js";

/** The account a key belongs to when none is named, as on the rest of the server. */
export const DEFAULT_ACCOUNT_ID = "000000000000";

const FLAGS = {
  host: { type: "string" },
  port: { type: "string" },
  "data-dir": { type: "string" },
  "in-memory": { type: "boolean" },
  region: { type: "string" },
  "log-level": { type: "string" },
  admin: { type: "boolean" },
  "manual-clock": { type: "boolean" },
  "access-key-id": { type: "string" },
  "secret-access-key": { type: "string" },
  "account-id": { type: "string" },
  "lambda-concurrency": { type: "string" },
  "lambda-idle-seconds": { type: "string" },
  "lambda-scaling": { type: "string" },
  "sfn-mock-config": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export type Env = Record<string, string | undefined>;

/** `undefined` means the user asked for help. */
/** StartOptions, plus what the start command still has to read from disk. */
export type ParsedStartOptions = StartOptions & { sfnMockConfigPath?: string };

export function parseStartOptions(args: string[], env: Env): ParsedStartOptions | undefined {
  const flags = parseFlags("start", args, FLAGS);
  if (flags.help) return undefined;

  const logLevel = flags["log-level"];
  if (logLevel !== undefined && !isLogLevel(logLevel)) {
    throw usageError(`invalid --log-level '${logLevel}': expected one of ${LOG_LEVELS.join(", ")}`);
  }
  for (const name of ["host", "region", "data-dir"] as const) {
    if (flags[name] === "") throw usageError(`--${name} must not be empty`);
  }

  return {
    host: flags.host,
    port: flags.port === undefined ? undefined : parsePort(flags.port),
    // Absolute, so the ready line tells the user exactly where their data is. Left out when not
    // given: the server's own default applies (start-command.ts fills it in).
    dataDir: flags["data-dir"] === undefined ? undefined : resolve(flags["data-dir"]),
    inMemory: flags["in-memory"] === true,
    region: flags.region,
    logLevel,
    admin: flags.admin === true || isTruthy(env.STRATUS_ADMIN),
    clock: flags["manual-clock"] ? "manual" : "system",
    credentials: credentialsFrom(flags, env),
    lambda: {
      accountConcurrency: positiveInteger("lambda-concurrency", flags["lambda-concurrency"]),
      environmentIdleSeconds: positiveInteger("lambda-idle-seconds", flags["lambda-idle-seconds"]),
      scaling: scalingModel(flags["lambda-scaling"]),
    },
    // Step Functions Local reads the same file from SFN_MOCK_CONFIG.
    sfnMockConfigPath: flags["sfn-mock-config"] ?? nonEmpty(env.SFN_MOCK_CONFIG),
  };
}

function scalingModel(text: string | undefined): LambdaScalingModel | undefined {
  if (text === undefined) return undefined;
  const model = parseScalingModel(text);
  if (!model) throw usageError(`invalid --lambda-scaling '${text}': expected rate, burst or burst:<initial environments>`);
  return model;
}

function credentialsFrom(flags: { "access-key-id"?: string; "secret-access-key"?: string; "account-id"?: string }, env: Env): StartOptions["credentials"] {
  // Flags win over the environment, field by field, so a shell profile can set the account once.
  const accessKeyId = flags["access-key-id"] ?? nonEmpty(env.STRATUS_ACCESS_KEY_ID);
  const secretAccessKey = flags["secret-access-key"] ?? nonEmpty(env.STRATUS_SECRET_ACCESS_KEY);
  const accountId = flags["account-id"] ?? nonEmpty(env.STRATUS_ACCOUNT_ID) ?? DEFAULT_ACCOUNT_ID;
  if (accessKeyId === undefined && secretAccessKey === undefined) {
    if (flags["account-id"] !== undefined) throw usageError("--account-id needs --access-key-id and --secret-access-key");
    return undefined;
  }
  // Half a credential would silently lock every client out; refuse it up front.
  if (!accessKeyId) throw usageError("a secret access key was given without --access-key-id (or STRATUS_ACCESS_KEY_ID)");
  if (!secretAccessKey) throw usageError("an access key id was given without --secret-access-key (or STRATUS_SECRET_ACCESS_KEY)");
  if (!/^\d{12}$/.test(accountId)) throw usageError(`invalid account id '${accountId}': expected 12 digits`);
  return [{ accessKeyId, secretAccessKey, accountId }];
}

function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw usageError(`invalid --${flag} '${value}': expected a positive integer`);
  return Number(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && ["1", "true", "yes", "on"].includes(value.toLowerCase());
}
