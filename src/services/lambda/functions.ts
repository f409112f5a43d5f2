/**
 * The functions of every account and region, in memory and written through the store: lookup
 * by name or ARN, qualifier resolution (`$LATEST`, versions, aliases with weighted routing),
 * and the FunctionConfiguration views the API returns.
 */
import { randomInt } from "node:crypto";
import type { RequestContext } from "../../core/service.js";
import { LambdaErrors } from "./errors.js";
import { functionArn, parseFunctionName, type FunctionRef } from "./names.js";
import type { LambdaStore } from "./store/lambda-store.js";
import { functionKey, type AliasRecord, type FunctionConfiguration, type FunctionRecord, type VersionRecord } from "./types.js";

export interface ResolvedVersion {
  fn: FunctionRecord;
  record: VersionRecord;
  /** `$LATEST` or the version number that runs. */
  version: string;
  /** The ARN as the caller named it (qualified when a qualifier was given). */
  invokedArn: string;
  alias?: AliasRecord;
}

export class Functions {
  private readonly byKey = new Map<string, FunctionRecord>();

  constructor(private readonly store: LambdaStore) {}

  load(records: FunctionRecord[]): void {
    for (const f of records) this.byKey.set(functionKey(f.accountId, f.region, f.name), f);
  }

  clear(): void {
    this.byKey.clear();
  }

  all(): FunctionRecord[] {
    return [...this.byKey.values()];
  }

  list(accountId: string, region: string): FunctionRecord[] {
    return this.all()
      .filter((f) => f.accountId === accountId && f.region === region)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  find(ref: { accountId: string; region: string; name: string }): FunctionRecord | undefined {
    return this.byKey.get(functionKey(ref.accountId, ref.region, ref.name));
  }

  /** The function a FunctionName names, or ResourceNotFoundException. Another account's functions are invisible. */
  require(value: string, ctx: Pick<RequestContext, "accountId" | "region">, qualifier?: string): { fn: FunctionRecord; ref: FunctionRef } {
    const ref = parseFunctionName(value, ctx, qualifier);
    const fn = ref.accountId === ctx.accountId ? this.find(ref) : undefined;
    if (!fn) throw LambdaErrors.functionNotFound(functionArn(ref, ref.qualifier));
    return { fn, ref };
  }

  add(fn: FunctionRecord): void {
    this.byKey.set(functionKey(fn.accountId, fn.region, fn.name), fn);
  }

  async save(fn: FunctionRecord): Promise<void> {
    await this.store.putFunction(fn);
  }

  async remove(fn: FunctionRecord): Promise<void> {
    const key = functionKey(fn.accountId, fn.region, fn.name);
    this.byKey.delete(key);
    await this.store.deleteFunction(key);
  }

  /**
   * The version a qualifier selects. An alias with AdditionalVersionWeights routes that share
   * of invocations to the second version, chosen at random per invocation as on AWS.
   * https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html
   */
  resolve(fn: FunctionRecord, qualifier: string | undefined): ResolvedVersion {
    const base = functionArn(fn);
    if (qualifier === undefined || qualifier === "$LATEST") {
      return { fn, record: fn.latest, version: "$LATEST", invokedArn: qualifier ? `${base}:$LATEST` : base };
    }
    if (/^\d+$/.test(qualifier)) {
      const record = fn.versions[qualifier];
      if (!record) throw LambdaErrors.functionNotFound(`${base}:${qualifier}`);
      return { fn, record, version: qualifier, invokedArn: `${base}:${qualifier}` };
    }
    const alias = fn.aliases[qualifier];
    if (!alias) throw LambdaErrors.functionNotFound(`${base}:${qualifier}`);
    let version = alias.FunctionVersion;
    const weights = alias.RoutingConfig?.AdditionalVersionWeights ?? {};
    for (const [v, weight] of Object.entries(weights)) {
      if (randomInt(1_000_000) < weight * 1_000_000) version = v;
    }
    const record = version === "$LATEST" ? fn.latest : fn.versions[version];
    if (!record) throw LambdaErrors.functionNotFound(`${base}:${version}`);
    return { fn, record, version, invokedArn: `${base}:${qualifier}`, alias };
  }

  /** FunctionConfiguration as GetFunctionConfiguration returns it for a qualifier. */
  configuration(fn: FunctionRecord, qualifier?: string): FunctionConfiguration {
    const base = functionArn(fn);
    if (qualifier === undefined || qualifier === "$LATEST") return { ...fn.latest.config };
    if (/^\d+$/.test(qualifier)) {
      const v = fn.versions[qualifier];
      if (!v) throw LambdaErrors.functionNotFound(`${base}:${qualifier}`);
      return { ...v.config };
    }
    const alias = fn.aliases[qualifier];
    if (!alias) throw LambdaErrors.functionNotFound(`${base}:${qualifier}`);
    const target = alias.FunctionVersion === "$LATEST" ? fn.latest : fn.versions[alias.FunctionVersion];
    return { ...target.config, FunctionArn: `${base}:${qualifier}` };
  }
}
