/**
 * An event-source mapping as Stratus keeps it (one JSON document per UUID in the store) and the
 * EventSourceMappingConfiguration view the API returns.
 * https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html
 */
import { functionArn } from "../names.js";

/**
 * `Creating`, `Enabling`, `Updating` and `Disabling` last one clock tick here (longer only
 * while a disabled mapping's in-flight batches finish); `Deleting` is only ever answered.
 */
export type MappingState = "Creating" | "Enabling" | "Enabled" | "Disabling" | "Disabled" | "Updating" | "Deleting";

export interface FilterCriteria {
  Filters: Array<{ Pattern?: string }>;
}

export interface EventSourceMappingRecord {
  UUID: string;
  accountId: string;
  region: string;
  EventSourceArn: string;
  functionName: string;
  /** Version or alias the mapping invokes; undefined for the unqualified function ($LATEST). */
  qualifier?: string;
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  FunctionResponseTypes: string[];
  ScalingConfig?: { MaximumConcurrency?: number };
  FilterCriteria?: FilterCriteria;
  /** What the user asked for; State follows it. */
  enabled: boolean;
  State: MappingState;
  StateTransitionReason: string;
  /** Epoch milliseconds. */
  LastModified: number;
  /** Set once the mapping has processed a batch ("OK" or "PROBLEM: …"). */
  LastProcessingResult?: string;
}

export function mappingFunctionArn(r: EventSourceMappingRecord): string {
  return functionArn({ accountId: r.accountId, region: r.region, name: r.functionName }, r.qualifier);
}

export function eventSourceMappingArn(r: { accountId: string; region: string; UUID: string }): string {
  return `arn:aws:lambda:${r.region}:${r.accountId}:event-source-mapping:${r.UUID}`;
}

/** EventSourceMappingConfiguration, member names as on the wire. */
export function mappingView(r: EventSourceMappingRecord, state: MappingState = r.State) {
  return {
    UUID: r.UUID,
    BatchSize: r.BatchSize,
    MaximumBatchingWindowInSeconds: r.MaximumBatchingWindowInSeconds,
    EventSourceArn: r.EventSourceArn,
    FilterCriteria: r.FilterCriteria ? { Filters: r.FilterCriteria.Filters.map((f) => ({ ...f })) } : undefined,
    FunctionArn: mappingFunctionArn(r),
    LastModified: new Date(r.LastModified),
    LastProcessingResult: r.LastProcessingResult,
    State: state,
    StateTransitionReason: r.StateTransitionReason,
    FunctionResponseTypes: [...r.FunctionResponseTypes],
    ScalingConfig: r.ScalingConfig ? { ...r.ScalingConfig } : undefined,
    EventSourceMappingArn: eventSourceMappingArn(r),
  };
}
