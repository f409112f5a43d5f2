/** What Step Functions keeps about a state machine (one JSON document in storage). */

export type StateMachineType = "STANDARD" | "EXPRESS";

export interface LoggingConfiguration {
  level: "ALL" | "ERROR" | "FATAL" | "OFF";
  includeExecutionData: boolean;
  destinations?: Array<{ cloudWatchLogsLogGroup?: { logGroupArn?: string } }>;
}

export interface StateMachineRecord {
  arn: string;
  accountId: string;
  region: string;
  name: string;
  type: StateMachineType;
  definition: string;
  roleArn: string;
  description?: string;
  loggingConfiguration: LoggingConfiguration;
  tracingConfiguration: { enabled: boolean };
  encryptionConfiguration: { type: string; kmsKeyId?: string; kmsDataKeyReusePeriodSeconds?: number };
  /** Epoch milliseconds. */
  creationDate: number;
  /** Changes on every update (DescribeStateMachine's revisionId). */
  revisionId: string;
  tags: Record<string, string>;
}

export interface ActivityRecord {
  arn: string;
  accountId: string;
  region: string;
  name: string;
  /** Epoch milliseconds. */
  creationDate: number;
  tags: Record<string, string>;
}
