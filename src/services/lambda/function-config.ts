/**
 * Validation of the configuration members of CreateFunction and UpdateFunctionConfiguration,
 * with AWS's errors.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
 */
import { LambdaErrors } from "./errors.js";
import * as L from "./limits.js";
import { checkRuntime, isProvided } from "./runtimes.js";

const ROLE_ARN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;
const HANDLER = /^[^\s]+$/;

/** Environment variables Lambda sets itself; users may not override them. */
const RESERVED_ENV = new Set([
  "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
]);

export interface ConfigInput {
  Role?: string;
  Runtime?: string;
  Handler?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  DeadLetterConfig?: { TargetArn?: string };
  TracingConfig?: { Mode?: string };
  Layers?: string[];
  Architectures?: string[];
  EphemeralStorage?: { Size?: number };
  LoggingConfig?: { LogFormat?: string; LogGroup?: string; ApplicationLogLevel?: string; SystemLogLevel?: string };
  PackageType?: string;
  KMSKeyArn?: string;
}

/** Checks every member that is present; `creating` also checks what CreateFunction requires. */
export function validateConfig(input: ConfigInput, creating: boolean): void {
  if (creating || input.Role !== undefined) {
    if (!input.Role || !ROLE_ARN.test(input.Role)) {
      throw LambdaErrors.validation(input.Role, "role", "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    }
  }
  if (input.PackageType !== undefined && input.PackageType !== "Zip") {
    throw LambdaErrors.invalidParameter("Stratus runs .zip packages and local directories; container images (PackageType Image) are not supported.");
  }
  if (creating || input.Runtime !== undefined) checkRuntime(input.Runtime);
  if (creating && !isProvided(input.Runtime) && !input.Handler) {
    throw LambdaErrors.invalidParameter("Runtime and Handler are mandatory parameters for functions created with Zip Package Type.");
  }
  if (input.Handler !== undefined && (input.Handler.length > 128 || !HANDLER.test(input.Handler))) {
    throw LambdaErrors.validation(input.Handler, "handler", "Member must satisfy regular expression pattern: [^\\s]+");
  }
  if (input.Timeout !== undefined && (input.Timeout < L.MIN_TIMEOUT_SECONDS || input.Timeout > L.MAX_TIMEOUT_SECONDS)) {
    throw LambdaErrors.validation(input.Timeout, "timeout", input.Timeout < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 900");
  }
  if (input.MemorySize !== undefined && (input.MemorySize < L.MIN_MEMORY_MB || input.MemorySize > L.MAX_MEMORY_MB)) {
    throw LambdaErrors.validation(input.MemorySize, "memorySize", input.MemorySize < L.MIN_MEMORY_MB ? "Member must have value greater than or equal to 128" : "Member must have value less than or equal to 10240");
  }
  if (input.Description !== undefined && input.Description.length > 256) {
    throw LambdaErrors.validation(input.Description, "description", "Member must have length less than or equal to 256");
  }
  checkEnvironment(input.Environment?.Variables);
  if (input.Layers !== undefined && input.Layers.length > L.MAX_LAYERS_PER_FUNCTION) {
    throw LambdaErrors.invalidParameter(`Cannot reference more than ${L.MAX_LAYERS_PER_FUNCTION} layers.`);
  }
  if (input.Architectures !== undefined && (input.Architectures.length !== 1 || !["x86_64", "arm64"].includes(input.Architectures[0]))) {
    throw LambdaErrors.validation(input.Architectures, "architectures", "Member must have length less than or equal to 1 and satisfy enum value set: [x86_64, arm64]");
  }
  const storage = input.EphemeralStorage?.Size;
  if (storage !== undefined && (storage < 512 || storage > 10_240)) {
    throw LambdaErrors.validation(storage, "ephemeralStorage.size", storage < 512 ? "Member must have value greater than or equal to 512" : "Member must have value less than or equal to 10240");
  }
  const mode = input.TracingConfig?.Mode;
  if (mode !== undefined && mode !== "Active" && mode !== "PassThrough") {
    throw LambdaErrors.validation(mode, "tracingConfig.mode", "Member must satisfy enum value set: [Active, PassThrough]");
  }
  const dlq = input.DeadLetterConfig?.TargetArn;
  if (dlq && !/^arn:aws[a-zA-Z-]*:(sqs|sns):/.test(dlq)) {
    throw LambdaErrors.invalidParameter("The provided target arn is invalid. The target arn must be an SQS queue or an SNS topic.");
  }
}

function checkEnvironment(vars: Record<string, string> | undefined): void {
  if (!vars) return;
  const reserved = Object.keys(vars).filter((k) => RESERVED_ENV.has(k));
  if (reserved.length) {
    throw LambdaErrors.invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(", ")}`,
    );
  }
  for (const k of Object.keys(vars)) {
    if (!ENV_KEY.test(k)) throw LambdaErrors.validation(k, "environment.variables", "Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+");
  }
  const size = Buffer.byteLength(JSON.stringify(vars));
  if (size > L.MAX_ENVIRONMENT_BYTES) {
    throw LambdaErrors.invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify(vars)}`,
    );
  }
}
