/** Lambda's own records, as the control plane keeps them in memory and the store on disk. */

/** Where a function version's code lives. */
export interface CodeRef {
  /** Uploaded zip, by its CodeSha256 (base64). */
  sha256?: string;
  /** A local directory used in place (hot reload): `Code: { S3Bucket: "hot-reload", S3Key: "/abs/dir" }`. */
  localDir?: string;
  size: number;
}

/**
 * A version's configuration, as AWS's FunctionConfiguration shape (member names as on the wire),
 * minus what is derived at read time (State of $LATEST etc. lives here too).
 */
export type FunctionConfiguration = Record<string, any> & {
  FunctionName: string;
  FunctionArn: string;
  Runtime?: string;
  Role: string;
  Handler?: string;
  Timeout: number;
  MemorySize: number;
  Version: string;
  RevisionId: string;
  CodeSha256: string;
  CodeSize: number;
  LastModified: string;
  State: string;
  LastUpdateStatus: string;
};

export interface VersionRecord {
  config: FunctionConfiguration;
  code: CodeRef;
}

export interface AliasRecord {
  Name: string;
  AliasArn: string;
  FunctionVersion: string;
  Description?: string;
  RoutingConfig?: { AdditionalVersionWeights?: Record<string, number> };
  RevisionId: string;
}

export interface EventInvokeConfig {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
  LastModified: number;
}

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal: unknown;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface FunctionRecord {
  accountId: string;
  region: string;
  name: string;
  /** `$LATEST`. */
  latest: VersionRecord;
  /** Published versions by number. */
  versions: Record<string, VersionRecord>;
  nextVersion: number;
  aliases: Record<string, AliasRecord>;
  tags: Record<string, string>;
  /** Resource-based policy statements by qualifier ("" for the unqualified function). */
  policies: Record<string, PolicyStatement[]>;
  reservedConcurrency?: number;
  /** Asynchronous invocation settings by qualifier ("$LATEST", a version or an alias). */
  eventInvokeConfigs: Record<string, EventInvokeConfig>;
}

export interface LayerVersionRecord {
  accountId: string;
  region: string;
  layerName: string;
  version: number;
  description?: string;
  compatibleRuntimes?: string[];
  compatibleArchitectures?: string[];
  licenseInfo?: string;
  createdDate: string;
  code: CodeRef;
  /** A deleted version's tombstone: keeps its number from being reused. */
  deleted?: boolean;
}

export function functionKey(accountId: string, region: string, name: string): string {
  return `${accountId}/${region}/${name}`;
}
