/**
 * The contract between Lambda's control plane (functions, versions, invocations) and the
 * execution layer (environments: child processes speaking the Lambda Runtime API).
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 */

/** Everything an execution environment needs to run one function version. */
export interface FunctionRuntimeSpec {
  /**
   * Identity of an environment pool. Environments are reused only for the same key; the
   * control plane changes the key when code or configuration changes (so new invocations get
   * fresh environments, as on AWS after an update).
   */
  poolKey: string;
  accountId: string;
  region: string;
  functionName: string;
  /** Unqualified function ARN. */
  functionArn: string;
  /** `$LATEST` or a published version number. */
  version: string;
  /** e.g. `nodejs20.x`, `python3.12`, `provided.al2023`. */
  runtime: string;
  /** `_HANDLER`; absent only for provided runtimes that ignore it. */
  handler?: string;
  /** Directory holding the function's code (`LAMBDA_TASK_ROOT`): unpacked zip or a local directory. */
  codeDir: string;
  /** Unpacked layers in the function's order; later layers win on conflicting paths (the `/opt` equivalent). */
  layerDirs: string[];
  /** The function's own environment variables. */
  environment: Record<string, string>;
  memoryMb: number;
  /** 1–900. */
  timeoutSeconds: number;
  logGroupName: string;
  /** Stratus's endpoint, given to handlers as AWS_ENDPOINT_URL so their SDK calls reach Stratus. */
  endpointUrl: string;
  /**
   * Credentials for the handler's own AWS calls: when the server verifies signatures, a
   * configured credential of the function's account, so that those calls verify.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface InvokeRequest {
  requestId: string;
  payload: Buffer;
  /** ARN the caller used (qualified when invoked through a version or alias). */
  invokedFunctionArn: string;
  /** Base64 JSON, from X-Amz-Client-Context. */
  clientContext?: string;
  cognitoIdentity?: string;
  traceId: string;
  /** Keep the last 4 KB of this invocation's log (LogType: Tail). */
  tail: boolean;
}

export interface InvokeResult {
  /** The function's response, or the error document when `functionError` is set. */
  payload: Buffer;
  /** `Unhandled` for errors the runtime reports or the platform detects (timeouts, crashes). */
  functionError?: "Unhandled" | "Handled";
  /** AWS's error type when `functionError` is set: e.g. `Runtime.ImportModuleError`, `Sandbox.Timedout`. */
  errorType?: string;
  /** Base64 of the last 4 KB of the invocation's log, when `tail` was asked for. */
  logTail?: string;
  durationMs: number;
  billedDurationMs: number;
  maxMemoryUsedMb: number;
  /** Set when this invocation started a new environment. */
  initDurationMs?: number;
}

export interface ExecutionEngine {
  /**
   * Runs one invocation in a warm environment of `spec.poolKey`, or a new one. One invocation
   * at a time per environment. Never rejects for function failures: they are results.
   */
  invoke(spec: FunctionRuntimeSpec, request: InvokeRequest): Promise<InvokeResult>;
  /** Whether a warm environment of this pool is free (the next invocation starts none). */
  hasIdle(poolKey: string): boolean;
  /** Environments currently running an invocation for this function (all versions). */
  busy(functionArn: string): number;
  /** Stops every environment of pools whose key starts with this prefix (function deleted or updated). */
  retire(poolKeyPrefix: string): Promise<void>;
  /** Recent log lines of a function (for `stratus logs`). */
  logs(functionArn: string, sinceIndex?: number): { lines: string[]; next: number };
  /** Kills every environment. */
  stop(): Promise<void>;
}
