/** What SNS keeps for mobile push: platform applications and their endpoints (one JSON document each). */

export interface PlatformApplicationRecord {
  arn: string;
  accountId: string;
  region: string;
  name: string;
  /** ADM, APNS, APNS_SANDBOX, GCM, BAIDU, MPNS or WNS. */
  platform: string;
  /** Attributes as set, PlatformCredential and PlatformPrincipal included (never returned). */
  attributes: Record<string, string>;
}

export interface PlatformEndpointRecord {
  arn: string;
  applicationArn: string;
  accountId: string;
  region: string;
  /** Token, Enabled ("true"/"false") and, when given, CustomUserData. */
  attributes: Record<string, string>;
}
