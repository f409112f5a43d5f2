/**
 * What Lambda keeps durably. The control plane holds every record in memory and writes each
 * change through here before answering (each method resolves on commit).
 */
import type { FunctionRecord, LayerVersionRecord } from "../types.js";

export interface LambdaSnapshot {
  functions: FunctionRecord[];
  layers: LayerVersionRecord[];
  eventSourceMappings: Array<Record<string, any>>;
}

export interface LambdaStore {
  load(): LambdaSnapshot;
  putFunction(f: FunctionRecord): Promise<void>;
  deleteFunction(key: string): Promise<void>;
  putLayerVersion(l: LayerVersionRecord): Promise<void>;
  deleteLayerVersion(key: string): Promise<void>;
  putEventSourceMapping(uuid: string, doc: Record<string, any>): Promise<void>;
  deleteEventSourceMapping(uuid: string): Promise<void>;
  reset(): void;
}
