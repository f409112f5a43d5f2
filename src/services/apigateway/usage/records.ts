/**
 * What API Gateway keeps about API keys, usage plans and the account's settings. Like the other
 * API Gateway resources they belong to one account in one Region.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */

export interface ApiKeyRecord {
  id: string;
  accountId: string;
  region: string;
  value: string;
  name?: string;
  description?: string;
  /** AWS's default for CreateApiKey is false; imported keys default to true. */
  enabled: boolean;
  customerId?: string;
  /** Epoch milliseconds. */
  createdDate: number;
  lastUpdatedDate: number;
  /** The pre-usage-plan association, "{restApiId}/{stageName}": stored and reported only. */
  stageKeys: string[];
  tags: Record<string, string>;
}

/** Requests per second (a double) and the bucket's size (an integer). */
export interface ThrottleRecord {
  burstLimit?: number;
  rateLimit?: number;
}

export type QuotaPeriod = "DAY" | "WEEK" | "MONTH";

export interface QuotaRecord {
  limit: number;
  /** The day the period starts on: 0 for DAY, 0–6 from Sunday for WEEK, 0–27 from the 1st for MONTH. */
  offset: number;
  period: QuotaPeriod;
}

export interface ApiStageRecord {
  apiId: string;
  stage: string;
  /** Per method, keyed "{resourcePath}/{httpMethod}" as AWS reports it ("/pets/{id}/GET"). */
  throttle?: Record<string, ThrottleRecord>;
}

export interface UsagePlanRecord {
  id: string;
  accountId: string;
  region: string;
  name: string;
  description?: string;
  apiStages: ApiStageRecord[];
  throttle?: ThrottleRecord;
  quota?: QuotaRecord;
  productCode?: string;
  tags: Record<string, string>;
  /** The API keys in the plan (its UsagePlanKeys), in the order they were added. */
  keyIds: string[];
}

/** GetAccount / UpdateAccount, per account and Region. */
export interface AccountRecord {
  cloudwatchRoleArn?: string;
  /** AWS's default account limits: 10,000 requests per second with a burst of 5,000. */
  throttle: { burstLimit: number; rateLimit: number };
}

export const ACCOUNT_DEFAULT_THROTTLE = { burstLimit: 5000, rateLimit: 10000 } as const;
