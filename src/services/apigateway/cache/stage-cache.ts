/**
 * The stage cache: with a stage's cache cluster enabled, GET methods (and any method whose
 * settings enable caching) answer from the cache for cacheTtlInSeconds (default 300, at most
 * 3600), keyed by the integration's cacheNamespace and the values of its cacheKeyParameters —
 * not by the whole URL: a path parameter left out of the keys shares one entry, as on AWS. A
 * client's `Cache-Control: max-age=0` refreshes the entry when the stage lets it (see
 * cache-control.ts). Entries live in memory (AWS's cache is not durable either) and expire on
 * the clock; the cluster size bounds the bytes held.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */
import { isUtf8 } from "node:buffer";
import type { Clock } from "../../../core/clock.js";
import type { ApiCall } from "../invoke/api-call.js";
import type { HttpAnswer } from "../invoke/gateway-responses.js";
import { parameterSource } from "../invoke/parameter-sources.js";
import { STAGE_DEFAULTS_KEY, settingTarget } from "../usage/method-settings.js";
import type { MethodSettingRecord, StageRecord } from "../types.js";

interface Entry {
  answer: HttpAnswer;
  expiresAt: number;
  bytes: number;
}

const GB = 1024 ** 3;

/** Without settings of its own or stage defaults, a GET is cached as AWS caches it: 300 s. */
const AWS_DEFAULT_CACHING = Object.freeze({
  cachingEnabled: true,
  cacheTtlInSeconds: 300,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
}) as MethodSettingRecord;

export class StageCache {
  /** apiId/stage → key → entry; Map order is the eviction order (oldest first). */
  private readonly stages = new Map<string, Map<string, Entry>>();
  private readonly bytes = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** The caching settings that apply to a call, or undefined when it is not cached. */
  settingsFor(call: ApiCall): MethodSettingRecord | undefined {
    if (!call.stage.cacheClusterEnabled) return undefined;
    const s = ownOrDefaultSetting(call.stage, call.resource.path, call.method.httpMethod);
    if (s?.own) return s.own.cachingEnabled && s.own.cacheTtlInSeconds > 0 ? s.own : undefined;
    // The stage's defaults (or, without any, AWS's: caching on for GET, 300 s) apply to GET only.
    if (call.request.method !== "GET") return undefined;
    if (s?.defaults) return s.defaults.cachingEnabled && s.defaults.cacheTtlInSeconds > 0 ? s.defaults : undefined;
    return AWS_DEFAULT_CACHING;
  }

  /** The cache key of a call: its namespace, method and the values of its cache key parameters. */
  keyOf(call: ApiCall): string {
    const integration = call.method.methodIntegration;
    const parts = [integration?.cacheNamespace ?? call.resource.id, call.request.method];
    const keyParameters = integration?.cacheKeyParameters;
    if (keyParameters?.length) for (const p of [...keyParameters].sort()) parts.push(`${p}=${parameterSource(p, call) ?? ""}`);
    return JSON.stringify(parts);
  }

  get(call: ApiCall, key: string): HttpAnswer | undefined {
    const entries = this.stages.get(stageKey(call));
    const e = entries?.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.clock.now()) {
      this.drop(stageKey(call), key);
      return undefined;
    }
    return e.answer;
  }

  /** Keeps a successful answer for the TTL, evicting the oldest entries past the cluster's size. */
  put(call: ApiCall, key: string, answer: HttpAnswer, ttlSeconds: number): void {
    if (answer.status < 200 || answer.status > 299) return;
    const sk = stageKey(call);
    this.drop(sk, key);
    // A UTF-8 body is kept as text: every hit then leaves in one write with its headers (send-answer.ts).
    const body = typeof answer.body !== "string" && isUtf8(answer.body) ? answer.body.toString("utf8") : answer.body;
    const entry: Entry = { answer: { ...answer, body }, expiresAt: this.clock.now() + Math.min(ttlSeconds, 3600) * 1000, bytes: (typeof body === "string" ? Buffer.byteLength(body) : body.length) + 256 };
    let entries = this.stages.get(sk);
    if (!entries) this.stages.set(sk, (entries = new Map()));
    entries.set(key, entry);
    this.bytes.set(sk, (this.bytes.get(sk) ?? 0) + entry.bytes);
    const limit = Number(call.stage.cacheClusterSize ?? "0.5") * GB;
    for (const oldest of entries.keys()) {
      if ((this.bytes.get(sk) ?? 0) <= limit) break;
      this.drop(sk, oldest);
    }
  }

  /** FlushStageCache. */
  flush(apiId: string, stageName: string): void {
    this.stages.delete(`${apiId}/${stageName}`);
    this.bytes.delete(`${apiId}/${stageName}`);
  }

  reset(): void {
    this.stages.clear();
    this.bytes.clear();
  }

  private drop(sk: string, key: string): void {
    const entries = this.stages.get(sk);
    const e = entries?.get(key);
    if (!e) return;
    entries!.delete(key);
    this.bytes.set(sk, (this.bytes.get(sk) ?? 0) - e.bytes);
  }
}

function stageKey(call: ApiCall): string {
  return `${call.api.id}/${call.stage.stageName}`;
}

function ownOrDefaultSetting(stage: StageRecord, resourcePath: string, httpMethod: string): { own?: MethodSettingRecord; defaults?: MethodSettingRecord } | undefined {
  const settings = stage.methodSettings;
  if (!settings) return undefined;
  const ownKey = Object.keys(settings).find((k) => {
    const t = settingTarget(k);
    return t !== undefined && t.resourcePath === resourcePath && t.httpMethod === httpMethod;
  });
  return { own: ownKey === undefined ? undefined : settings[ownKey], defaults: settings[STAGE_DEFAULTS_KEY] };
}
