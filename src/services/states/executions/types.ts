/** What Step Functions keeps about an execution (its history is stored event by event). */
import type { MapRunStart, Snapshot } from "../asl/interpreter/types.js";

export interface ExecutionRecord {
  arn: string;
  stateMachineArn: string;
  stateMachineName: string;
  accountId: string;
  region: string;
  name: string;
  /** The definition and role the execution started with (later updates do not change it). */
  definition: string;
  roleArn: string;
  /** The version the execution runs, when started through a version or an alias. */
  versionArn?: string;
  aliasArn?: string;
  /** Epoch milliseconds. */
  startDate: number;
  stopDate?: number;
  /** When RedriveExecution last restarted it (epoch milliseconds). */
  redriveDate?: number;
  /** The input as given (JSON text). */
  input: string;
  snapshot: Snapshot;
  /** The mock config's test case (`<state machine ARN>#<test case>`), when the execution runs mocked. */
  testCase?: string;
  /** Started by a parent's `states:startExecution.sync` task: whom to tell when it ends. */
  parent?: { executionArn: string; callId: number; sync: "sync" | "sync:2" };
  /** A Distributed Map's child: its Map Run, its index there, the Map Run's execution, and whether it runs as an Express execution. */
  mapRun?: { arn: string; index: number; executionArn: string; express?: true };
}

/** A Distributed Map's Map Run (DescribeMapRun); its children are executions with `mapRun` set. */
export interface MapRunRecord extends Omit<MapRunStart, "toleratedFailureCount" | "toleratedFailurePercentage"> {
  executionArn: string;
  /** The machine of the execution that started it. */
  stateMachineArn: string;
  accountId: string;
  region: string;
  status: "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED";
  /** Epoch milliseconds. */
  startDate: number;
  stopDate?: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
  /** Times RedriveExecution ran it again, and when it last did (epoch milliseconds). */
  redriveCount?: number;
  redriveDate?: number;
}
