/**
 * In-process clients services use to call each other (DESIGN §1): Lambda destinations send to
 * SQS, event-source mappings receive from it, and later SNS invokes Lambda. A service never
 * imports another's files; it calls the interface here, which the other service fills in at
 * start. Each client enforces the same rules as the service's API.
 */

/** A message attribute as SQS and SNS carry it. */
export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Buffer;
}


/** A message as a poller (Lambda's event-source mapping) receives it. */
export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  /** System attributes (SentTimestamp, ApproximateReceiveCount, MessageGroupId, …). */
  attributes: Record<string, string>;
  messageAttributes: Record<string, MessageAttribute>;
}

export interface SqsQueueInfo {
  arn: string;
  fifo: boolean;
  visibilityTimeoutSeconds: number;
}

export interface SqsClientApi {
  sendMessage(args: { queueArn: string; body: string; attributes?: Record<string, MessageAttribute>; groupId?: string; dedupId?: string; delaySeconds?: number }): Promise<{ messageId: string }>;
  /** Undefined when the queue does not exist. */
  describeQueue(queueArn: string): SqsQueueInfo | undefined;
  /** ReceiveMessage with every system and message attribute; long-polls up to `waitSeconds`. */
  receiveMessages(args: { queueArn: string; max: number; waitSeconds: number; visibilityTimeoutSeconds?: number; signal: AbortSignal }): Promise<ReceivedMessage[]>;
  deleteMessages(args: { queueArn: string; receiptHandles: string[] }): Promise<void>;
}

export interface LambdaClientApi {
  /** An asynchronous (Event) invocation of the function with this (possibly qualified) ARN. */
  invokeAsync(args: { functionArn: string; payload: Buffer }): Promise<void>;
  /**
   * A synchronous (RequestResponse) invocation; `functionName` is a name, a partial or a full
   * ARN, resolved in `accountId`/`region` as Invoke resolves it. Throws Lambda's ServiceErrors
   * (ResourceNotFoundException, TooManyRequestsException, …); a function error is a result.
   */
  invoke(args: { functionName: string; accountId: string; region: string; payload: Buffer }): Promise<{ payload: Buffer; functionError?: string; executedVersion: string; requestId: string }>;
}

export interface SnsClientApi {
  /** Publish to the topic with this ARN (FIFO topics need `groupId`, and `dedupId` unless content-based). */
  publish(args: { topicArn: string; message: string; subject?: string; attributes?: Record<string, MessageAttribute>; groupId?: string; dedupId?: string }): Promise<{ messageId: string }>;
}

/**
 * Runs an AWS API request (as a client would send it, unsigned) inside the server, as the
 * account and region given: API Gateway's AWS service integrations call the services this way,
 * so every action and its wire format are the service's own.
 */
export interface AwsApiCaller {
  call(args: { signingName: string; accountId: string; region: string; method: string; path: string; rawQuery: string; headers: Record<string, string>; body: Buffer }): Promise<{ status: number; headers: Record<string, string>; body: Buffer }>;
}

/**
 * Runs one operation of a Stratus service by name, with its input as JSON in the service's
 * member names (Step Functions' `aws-sdk:<service>:<action>` tasks). The input is checked
 * against the service's model as a request would be; the output comes back as JSON. Service
 * errors are thrown as ServiceErrors; `UnknownSdkTarget` says the service or action is not here.
 */
export interface OperationCaller {
  call(args: { sdkService: string; action: string; input: unknown; accountId: string; region: string }): Promise<unknown>;
}

export class UnknownSdkTarget extends Error {}

export interface ServiceClients {
  aws?: AwsApiCaller;
  operations?: OperationCaller;
  sqs?: SqsClientApi;
  lambda?: LambdaClientApi;
  sns?: SnsClientApi;
}
