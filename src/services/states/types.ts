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
  /** Published versions (PublishStateMachineVersion, `publish: true`), oldest first. */
  versions?: VersionRecord[];
  /** The number the next version gets. */
  nextVersion?: number;
  aliases?: AliasRecord[];
}

/** An immutable snapshot of a state machine's definition and role. */
export interface VersionRecord {
  version: number;
  definition: string;
  roleArn: string;
  description?: string;
  creationDate: number;
  /** The machine's revision it was published from (publishing it again returns this version). */
  revisionId: string;
}

export interface AliasRecord {
  name: string;
  description?: string;
  /** One or two versions with weights adding up to 100. */
  routing: Array<{ stateMachineVersionArn: string; weight: number }>;
  creationDate: number;
  updateDate: number;
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
