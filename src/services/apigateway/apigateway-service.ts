/** The API Gateway runtime one server holds: REST APIs in memory, written through to storage. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServiceDeps, ServiceRuntime } from "../../core/service.js";
import { serveApiCall, type InvokeDeps } from "./invoke/invoke-api.js";
import { testInvokeMethod, type TestInvokeMethodInput, type TestInvokeMethodOutput } from "./invoke/test-invoke-method.js";
import { StageCache } from "./cache/stage-cache.js";
import { AuthorizerGate } from "./authorizers/authorizer-gate.js";
import { ApiGatewayErrors } from "./errors.js";
import { UsageGate } from "./usage/usage-gate.js";
import { ApiGatewayStore } from "./store/apigateway-store.js";
import type { MethodRecord, ResourceRecord, RestApiRecord } from "./types.js";

export class ApiGatewayService implements ServiceRuntime {
  readonly apis = new Map<string, RestApiRecord>();
  /** API keys, usage plans and throttling (usage/). */
  readonly usage: UsageGate;
  /** Lambda and Cognito authorizers on the data plane (authorizers/). */
  readonly authorizers: AuthorizerGate;
  /** Stage caches (cache/). */
  readonly cache: StageCache;
  private readonly store: ApiGatewayStore;
  private readonly invokeDeps: InvokeDeps;

  constructor(deps: ServiceDeps) {
    this.store = new ApiGatewayStore(deps.db);
    this.usage = new UsageGate(deps);
    this.authorizers = new AuthorizerGate(deps);
    this.cache = new StageCache(deps.clock);
    this.invokeDeps = { gw: this, clients: deps.clients, clock: deps.clock, logger: deps.logger };
  }

  /** Calls to deployed APIs (invoke/invoke-api.ts). */
  serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return serveApiCall(req, res, this.invokeDeps);
  }

  /** TestInvokeMethod (invoke/test-invoke-method.ts), with this server's clients and clock. */
  testInvokeMethod(api: RestApiRecord, resource: ResourceRecord, method: MethodRecord, input: TestInvokeMethodInput): Promise<TestInvokeMethodOutput> {
    return testInvokeMethod(api, resource, method, input, this.invokeDeps);
  }

  start(): void {
    for (const a of this.store.load()) this.apis.set(a.id, a);
    this.usage.start();
  }

  reset(): void {
    this.store.reset();
    this.usage.reset();
    this.authorizers.reset();
    this.cache.reset();
    this.apis.clear();
  }

  status(): Record<string, unknown> {
    return { restApis: this.apis.size };
  }

  api(id: string, where: { accountId: string; region: string }): RestApiRecord {
    const a = this.apis.get(id);
    if (!a || a.accountId !== where.accountId || a.region !== where.region) throw ApiGatewayErrors.invalidApi(where.accountId, id);
    return a;
  }

  resource(api: RestApiRecord, id: string): ResourceRecord {
    const r = api.resources[id];
    if (!r) throw ApiGatewayErrors.invalidResource(api.accountId, api.id, id);
    return r;
  }

  async save(api: RestApiRecord): Promise<void> {
    this.apis.set(api.id, api);
    await this.store.save(api);
  }

  async remove(api: RestApiRecord): Promise<void> {
    this.apis.delete(api.id);
    await this.store.delete(api.id);
  }
}
