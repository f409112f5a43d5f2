/** Server-wide settings services may read (given to each service at creation). */

/** A configured credential: when any is configured, every request must be signed with one. */
export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
}

export interface LambdaSettings {
  /** The account concurrency limit (AWS default 1,000). */
  accountConcurrency?: number;
  /** Idle time after which a warm execution environment is stopped (default 300 s). */
  environmentIdleSeconds?: number;
  /** How fast functions may add environments (default: AWS's 1,000 per function every 10 s). */
  scaling?: LambdaScalingModel;
}

/** See src/services/lambda/scaling-limiter.ts. */
export type LambdaScalingModel = { kind: "rate" } | { kind: "burst"; initial?: number };

export interface StatesSettings {
  /**
   * A Step Functions Local mock configuration (the MockConfigFile format): executions started
   * with `<state machine ARN>#<test case>` get the mocked responses instead of calling out.
   * The parsed JSON document.
   */
  mockConfig?: unknown;
}

export interface ServerSettings {
  credentials: Credential[];
  lambda: LambdaSettings;
  states?: StatesSettings;
}
