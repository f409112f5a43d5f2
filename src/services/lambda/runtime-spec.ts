/** What the execution layer needs to run a resolved function version. */
import type { ResolvedVersion } from "./functions.js";
import type { LambdaService } from "./lambda-service.js";
import { parseLayerVersionArn } from "./names.js";
import { poolKey } from "./pool-keys.js";
import type { FunctionRuntimeSpec } from "./runtime/types.js";
import type { CodeRef } from "./types.js";

export function runtimeSpec(lambda: LambdaService, resolved: ResolvedVersion): FunctionRuntimeSpec {
  const { fn, record, version } = resolved;
  const c = record.config;
  const layerDirs = ((c.Layers ?? []) as Array<{ Arn: string; code?: CodeRef }>).map((l) => {
    const ref = parseLayerVersionArn(l.Arn);
    const layer = ref ? lambda.layers.get(ref.accountId, ref.region, ref.layerName, ref.version) : undefined;
    return codeDir(lambda, l.code ?? layer?.code ?? { size: 0 }, l.Arn);
  });
  return {
    poolKey: poolKey(fn, version, c.RevisionId),
    accountId: fn.accountId,
    region: fn.region,
    functionName: fn.name,
    functionArn: c.FunctionArn.replace(/:(\$LATEST|\d+)$/, ""),
    version,
    runtime: c.Runtime ?? "provided.al2023",
    handler: c.Handler,
    codeDir: codeDir(lambda, record.code, c.FunctionArn),
    layerDirs,
    environment: { ...(c.Environment?.Variables ?? {}) },
    memoryMb: c.MemorySize,
    timeoutSeconds: c.Timeout,
    logGroupName: c.LoggingConfig?.LogGroup ?? `/aws/lambda/${fn.name}`,
    endpointUrl: lambda.endpoint(),
    credentials: lambda.settings.credentials.find((cred) => cred.accountId === fn.accountId),
  };
}

function codeDir(lambda: LambdaService, code: CodeRef, owner: string): string {
  if (code.localDir) return code.localDir;
  const dir = code.sha256 ? lambda.code.dirOf(code.sha256) : undefined;
  if (!dir) throw new Error(`code of ${owner} is missing from the code store`);
  return dir;
}
