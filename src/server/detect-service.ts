/**
 * Which service a request is for (DESIGN §2), in this order: the `X-Amz-Target` prefix; the
 * SigV4 credential scope's service; the path (restJson1 routes, SQS queue URLs); the form's
 * `Action` + `Version`.
 */
import type { CompiledService } from "../protocols/compiled-service.js";
import { matchRestRoute } from "../protocols/rest-routes.js";
import type { ProtocolId } from "../core/service.js";
import type { ProtocolRequest } from "../protocols/types.js";
import type { CredentialScope } from "./credential-scope.js";

export interface Detected {
  service: CompiledService;
  protocol: ProtocolId;
  /** For the JSON protocols: the operation named by the target header. */
  operation?: string;
}

export class ServiceDirectory {
  private readonly byTarget = new Map<string, CompiledService>();
  private readonly bySigningName = new Map<string, CompiledService>();
  private readonly byQueryVersion = new Map<string, CompiledService>();
  private loading?: Promise<void>;
  /** True once every service's model is loaded. */
  modelsLoaded = false;

  constructor(readonly services: CompiledService[]) {
    for (const s of services) {
      if (s.module.targetPrefix) this.byTarget.set(s.module.targetPrefix, s);
      this.bySigningName.set(s.module.signingName, s);
      if (s.module.query) this.byQueryVersion.set(s.module.query.version, s);
    }
  }

  /** Loads every service's model (once). */
  loadModels(): Promise<void> {
    this.loading ??= Promise.all(this.services.map((s) => s.loadModel())).then(() => {
      this.modelsLoaded = true;
    });
    return this.loading;
  }

  /**
   * detect(), once the models it reads are loaded: at once when they are. Models load on first
   * need. A request whose target or credential scope names its service needs that service's
   * model only; any other request (a restJson1 route, a query action without a known Version)
   * needs every model.
   */
  detectWhenLoaded(req: ProtocolRequest, scope: CredentialScope | undefined, form: Map<string, string> | undefined): Detected | undefined | Promise<Detected | undefined> {
    if (this.modelsLoaded) return this.detect(req, scope, form);
    const named = this.byTarget.get(targetPrefix(header(req, "x-amz-target"))) ?? (scope ? this.bySigningName.get(scope.service) : undefined);
    if (named?.modelLoaded) return this.detect(req, scope, form);
    return (named ? named.loadModel() : this.loadModels()).then(() => this.detect(req, scope, form));
  }

  get(id: string): CompiledService | undefined {
    return this.services.find((s) => s.id === id);
  }

  detect(req: ProtocolRequest, scope: CredentialScope | undefined, form: Map<string, string> | undefined): Detected | undefined {
    const target = header(req, "x-amz-target");
    if (target) {
      const dot = target.lastIndexOf(".");
      const service = this.byTarget.get(targetPrefix(target));
      if (service) return { service, protocol: jsonProtocol(service), operation: dot === -1 ? "" : target.slice(dot + 1) };
    }
    const action = form?.get("Action");
    const fromScope = scope ? this.bySigningName.get(scope.service) : undefined;
    if (fromScope) return this.chooseProtocol(fromScope, req, action);
    for (const s of this.services) {
      if (s.module.protocols.includes("restJson1") && matchRestRoute(s.restRoutes(), req.method, req.path, req.query)) return { service: s, protocol: "restJson1" };
    }
    if (action) {
      const version = form?.get("Version");
      const byVersion = version ? this.byQueryVersion.get(version) : undefined;
      if (byVersion) return { service: byVersion, protocol: "awsQuery" };
      // Only one query service answers a request without a usable Version: the one whose model has the action.
      const candidates = this.services.filter((s) => s.module.protocols.includes("awsQuery") && s.operation(action));
      if (candidates.length === 1) return { service: candidates[0], protocol: "awsQuery" };
    }
    return undefined;
  }

  private chooseProtocol(service: CompiledService, req: ProtocolRequest, action: string | undefined): Detected {
    if (action && service.module.protocols.includes("awsQuery")) return { service, protocol: "awsQuery" };
    if (service.module.protocols.includes("restJson1")) return { service, protocol: "restJson1" };
    if (service.module.protocols.includes("awsQuery") && !header(req, "x-amz-target")) return { service, protocol: "awsQuery" };
    return { service, protocol: jsonProtocol(service), operation: "" };
  }
}

/** `Prefix.Operation` → `Prefix` ("" without a target). */
function targetPrefix(target: string | undefined): string {
  if (!target) return "";
  const dot = target.lastIndexOf(".");
  return dot === -1 ? target : target.slice(0, dot);
}

function jsonProtocol(service: CompiledService): ProtocolId {
  return service.module.protocols.includes("awsJson1_1") ? "awsJson1_1" : "awsJson1_0";
}

function header(req: ProtocolRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
