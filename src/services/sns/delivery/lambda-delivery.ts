/**
 * SNS → Lambda: an asynchronous invocation with the SNS event record. Lambda's own durable
 * queue then retries and throttles as for any Event invocation; a function that does not
 * exist is a client-side error (dead-letter queue, when the subscription has one).
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 */
import { lambdaEvent, messageFor } from "../envelope.js";
import type { Delivery, DeliveryDeps } from "./types.js";

export async function deliverToLambda(d: Delivery, deps: DeliveryDeps): Promise<void> {
  const lambda = deps.clients.lambda;
  const { record } = d.subscription;
  const text = messageFor(d.message, "lambda");
  try {
    if (!lambda) throw new Error("Lambda is not running on this server");
    await lambda.invokeAsync({ functionArn: record.endpoint, payload: Buffer.from(lambdaEvent(d.message, text, record.arn, d.envelope)) });
  } catch (err) {
    await deps.deadLetter(d, (err as Error).message);
  }
}
