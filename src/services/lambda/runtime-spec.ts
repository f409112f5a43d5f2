/** What the execution layer needs to run a resolved function version. */
import type { ResolvedVersion } from "./functions.js";
import type { LambdaService } from "./lambda-service.js";
import { parseLayerVersionArn } from "./names.js";
import { poolKey } from "./pool-keys.js";
import type { FunctionRuntimeSpec } from "./runtime/types.js";
import type { CodeRef, VersionRecord } from "./types.js";

/**
 * Specs built per version record, reused while its RevisionId (part of the pool key) is the
 * same: every configuration or code change bumps the revision, and building a spec on every
 * invocation (a code-store existsSync per directory) was a measurable part of the invoke path.
 */
const cache = new WeakMap<VersionRecord, FunctionRuntimeSpec>();

export function runtimeSpec(lambda: LambdaService, resolved: ResolvedVersion): FunctionRuntimeSpec {
  const { fn, record, version } = resolved;
  const key = poolKey(fn, version, record.config.RevisionId);
  const cached = cache.get(record);
  if (cached?.poolKey === key) return cached;
  const spec = buildSpec(lambda, resolved, key);
  cache.set(record, spec);
  return spec;
}

function buildSpec(lambda: LambdaService, { fn, record, version }: ResolvedVersion, key: string): FunctionRuntimeSpec {
  const c = record.config;
  const layerDirs = ((c.Layers ?? []) as Array<{ Arn: string; code?: CodeRef }>).map((l) => {
    const ref = parseLayerVersionArn(l.Arn);
    const layer = ref ? lambda.layers.get(ref.accountId, ref.region, ref.layerName, ref.version) : undefined;
    return codeDir(lambda, l.code ?? layer?.code ?? { size: 0 }, l.Arn);
  });
  return {
    poolKey: key,
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
