/**
 * Where the outcome of an asynchronous invocation goes: OnSuccess / OnFailure destinations get
 * AWS's invocation record (SQS queue, SNS topic or Lambda function); a function's
 * DeadLetterConfig queue or topic gets the original event with RequestID, ErrorCode and
 * ErrorMessage attributes.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-dlq
 */
import type { ServiceClients } from "../../core/clients.js";
import type { Logger } from "../../core/logger.js";

export type Condition = "Success" | "RetriesExhausted" | "EventAgeExceeded";

export interface InvocationRecord {
  version: "1.0";
  timestamp: string;
  requestContext: { requestId: string; functionArn: string; condition: Condition; approximateInvokeCount: number };
  requestPayload: unknown;
  responseContext?: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload?: unknown;
}

export async function deliverRecord(destination: string, record: InvocationRecord, clients: ServiceClients, logger: Logger): Promise<void> {
  const service = destination.split(":")[2];
  try {
    if (service === "sqs" && clients.sqs) {
      await clients.sqs.sendMessage({ queueArn: destination, body: JSON.stringify(record) });
    } else if (service === "sns" && clients.sns) {
      await clients.sns.publish({ topicArn: destination, message: JSON.stringify(record) });
    } else if (service === "lambda" && clients.lambda) {
      await clients.lambda.invokeAsync({ functionArn: destination, payload: Buffer.from(JSON.stringify(record)) });
    } else {
      logger.warn(`lambda: destination ${destination} is of a service Stratus does not run yet; the invocation record was not delivered`);
    }
  } catch (err) {
    logger.warn(`lambda: could not deliver the invocation record of ${record.requestContext.requestId} to ${destination}: ${(err as Error).message}`);
  }
}

export async function deliverToDeadLetterQueue(
  targetArn: string,
  event: { requestId: string; payload: Buffer; errorMessage: string },
  clients: ServiceClients,
  logger: Logger,
): Promise<void> {
  const attributes = {
    RequestID: { DataType: "String", StringValue: event.requestId },
    ErrorCode: { DataType: "Number", StringValue: "200" },
    ErrorMessage: { DataType: "String", StringValue: truncate(event.errorMessage || "Unknown error", 1024) },
  };
  const message = event.payload.toString("utf8");
  try {
    if (targetArn.includes(":sqs:") && clients.sqs) await clients.sqs.sendMessage({ queueArn: targetArn, body: message, attributes });
    else if (targetArn.includes(":sns:") && clients.sns) await clients.sns.publish({ topicArn: targetArn, message, attributes });
    else logger.warn(`lambda: dead-letter target ${targetArn} is not a queue or topic Stratus runs; the event was not delivered`);
  } catch (err) {
    logger.warn(`lambda: could not send event ${event.requestId} to the dead-letter target ${targetArn}: ${(err as Error).message}`);
  }
}

/** Parses a payload for the record: JSON when it is JSON, else the text. */
export function asJson(payload: Buffer): unknown {
  const text = payload.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function truncate(s: string, bytes: number): string {
  const b = Buffer.from(s);
  return b.length <= bytes ? s : b.subarray(0, bytes).toString("utf8");
}
