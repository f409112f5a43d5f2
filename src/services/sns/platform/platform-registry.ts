/**
 * Platform applications and endpoints in memory, written through to the store. Endpoints are
 * indexed by application (in creation order) and by device token, for CreatePlatformEndpoint's
 * idempotence.
 */
import { SnsErrors } from "../errors.js";
import { checkResourceArn } from "./platform-names.js";
import type { PlatformStore } from "./platform-store.js";
import type { PlatformApplicationRecord, PlatformEndpointRecord } from "./types.js";

interface Where {
  accountId: string;
  region: string;
}

const owned = (r: Where, where: Where) => r.accountId === where.accountId && r.region === where.region;

export class PlatformRegistry {
  readonly applications = new Map<string, PlatformApplicationRecord>();
  readonly endpoints = new Map<string, PlatformEndpointRecord>();
  /** Application ARN → its endpoints, in creation order. */
  private readonly byApplication = new Map<string, Map<string, PlatformEndpointRecord>>();
  /** Application ARN → device token → endpoint ARN. */
  private readonly tokens = new Map<string, Map<string, string>>();

  constructor(readonly store: PlatformStore) {}

  load(): void {
    const snap = this.store.load();
    for (const app of snap.applications) this.applications.set(app.arn, app);
    for (const e of snap.endpoints) this.index(e);
  }

  clear(): void {
    this.applications.clear();
    this.endpoints.clear();
    this.byApplication.clear();
    this.tokens.clear();
  }

  /** The application an ARN names in this account and region, or NotFound. */
  application(arn: string, where: Where): PlatformApplicationRecord {
    checkResourceArn("PlatformApplicationArn", arn);
    const app = this.applications.get(arn);
    if (!app || !owned(app, where)) throw SnsErrors.notFound("PlatformApplication does not exist");
    return app;
  }

  /** The endpoint an ARN names in this account and region, or NotFound. */
  endpoint(arn: string, where: Where): PlatformEndpointRecord {
    checkResourceArn("EndpointArn", arn);
    const e = this.findEndpoint(arn, where);
    if (!e) throw SnsErrors.endpointNotFound();
    return e;
  }

  findEndpoint(arn: string, where: Where): PlatformEndpointRecord | undefined {
    const e = this.endpoints.get(arn);
    return e && owned(e, where) ? e : undefined;
  }

  applicationsIn(where: Where): PlatformApplicationRecord[] {
    return [...this.applications.values()].filter((app) => owned(app, where));
  }

  endpointsOf(applicationArn: string): PlatformEndpointRecord[] {
    return [...(this.byApplication.get(applicationArn)?.values() ?? [])];
  }

  endpointByToken(applicationArn: string, token: string): PlatformEndpointRecord | undefined {
    const arn = this.tokens.get(applicationArn)?.get(token);
    return arn ? this.endpoints.get(arn) : undefined;
  }

  async saveApplication(app: PlatformApplicationRecord): Promise<void> {
    this.applications.set(app.arn, app);
    await this.store.putApplication(app);
  }

  /** Deletes an application and its endpoints. */
  async deleteApplication(app: PlatformApplicationRecord): Promise<void> {
    for (const e of this.endpointsOf(app.arn)) this.endpoints.delete(e.arn);
    this.byApplication.delete(app.arn);
    this.tokens.delete(app.arn);
    this.applications.delete(app.arn);
    await this.store.deleteApplication(app.arn);
  }

  /** Stores a new or changed endpoint; `previousToken` is its token before a change. */
  async saveEndpoint(e: PlatformEndpointRecord, previousToken?: string): Promise<void> {
    if (previousToken !== undefined && previousToken !== e.attributes.Token) {
      const tokens = this.tokens.get(e.applicationArn);
      if (tokens?.get(previousToken) === e.arn) tokens.delete(previousToken);
    }
    this.index(e);
    await this.store.putEndpoint(e);
  }

  async deleteEndpoint(e: PlatformEndpointRecord): Promise<void> {
    this.endpoints.delete(e.arn);
    this.byApplication.get(e.applicationArn)?.delete(e.arn);
    const tokens = this.tokens.get(e.applicationArn);
    if (tokens?.get(e.attributes.Token) === e.arn) tokens.delete(e.attributes.Token);
    await this.store.deleteEndpoint(e.arn);
  }

  private index(e: PlatformEndpointRecord): void {
    this.endpoints.set(e.arn, e);
    let endpoints = this.byApplication.get(e.applicationArn);
    if (!endpoints) this.byApplication.set(e.applicationArn, (endpoints = new Map()));
    endpoints.set(e.arn, e);
    let tokens = this.tokens.get(e.applicationArn);
    if (!tokens) this.tokens.set(e.applicationArn, (tokens = new Map()));
    tokens.set(e.attributes.Token, e.arn);
  }
}
