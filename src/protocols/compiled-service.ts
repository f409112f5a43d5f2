/**
 * A service module with its model read into shapes, lazily and once: operation shapes by name,
 * error shapes by code, and (for restJson1) the routing table built from the `http` traits.
 * The model itself is loaded by `loadModel()` (ServiceModule.loadModel); everything else here
 * needs it loaded.
 */
import type { ServiceModel, ServiceModule, ServiceRuntime } from "../core/service.js";
import { errorShape, operationShape, type OperationShape, type StructureShape } from "./smithy/shapes.js";
import { buildRestRoutes, type RestRoute } from "./rest-routes.js";

export class CompiledService {
  private readonly operations = new Map<string, OperationShape | null>();
  private readonly errors = new Map<string, StructureShape | null>();
  private routes?: RestRoute[];
  private loaded?: ServiceModel;
  private loading?: Promise<void>;

  constructor(
    readonly module: ServiceModule,
    readonly runtime: ServiceRuntime,
  ) {}

  get id(): string {
    return this.module.id;
  }

  /** Loads the model once; later calls share the first. */
  loadModel(): Promise<void> {
    this.loading ??= this.module.loadModel().then((m) => {
      this.loaded = m;
    });
    return this.loading;
  }

  get modelLoaded(): boolean {
    return this.loaded !== undefined;
  }

  get model(): ServiceModel {
    if (!this.loaded) throw new Error(`the model of ${this.module.id} is not loaded yet`);
    return this.loaded;
  }

  operation(name: string): OperationShape | undefined {
    let op = this.operations.get(name);
    if (op === undefined) {
      const schema = Object.hasOwn(this.model.operations, name) ? this.model.operations[name] : undefined;
      op = schema ? operationShape(name, schema) : null;
      this.operations.set(name, op);
    }
    return op ?? undefined;
  }

  errorShape(code: string): StructureShape | undefined {
    let shape = this.errors.get(code);
    if (shape === undefined) {
      const schema = Object.hasOwn(this.model.errors, code) ? this.model.errors[code] : undefined;
      shape = schema ? (errorShape(schema) ?? null) : null;
      this.errors.set(code, shape);
    }
    return shape ?? undefined;
  }

  restRoutes(): RestRoute[] {
    this.routes ??= buildRestRoutes(Object.keys(this.model.operations).map((name) => this.operation(name)!));
    return this.routes;
  }
}
