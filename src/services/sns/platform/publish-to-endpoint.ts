/**
 * Publish with TargetArn naming a platform endpoint: nothing goes to a push service; the message
 * is recorded (protocol `application`, endpoint = the endpoint ARN) and listed at
 * `GET /_stratus/sns/deliveries?protocol=application`.
 * The body is what the endpoint's platform would be handed: with MessageStructure=json, the
 * entry for its platform (APNS, GCM, …) when there is one, else the default.
 * https://docs.aws.amazon.com/sns/latest/dg/mobile-push-send-directmobile.html
 */
import { newUuid } from "../../../core/ids.js";
import { ServiceError } from "../../../core/errors.js";
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import { checkMessage, type MessageInput } from "../message-input.js";
import type { SnsService } from "../sns-service.js";
import { checkResourceArn } from "./platform-names.js";

export async function publishToEndpoint(input: MessageInput & { TargetArn: string }, ctx: RequestContext, sns: SnsService): Promise<{ MessageId: string }> {
  checkResourceArn("TargetArn", input.TargetArn);
  const endpoint = sns.platform.findEndpoint(input.TargetArn, ctx);
  if (!endpoint) throw SnsErrors.invalidParameter("TargetArn Reason: No endpoint found for the target arn specified");
  const checked = checkMessage(input, undefined);
  if (endpoint.attributes.Enabled !== "true") throw new ServiceError("EndpointDisabledException", "Endpoint is disabled");
  const platform = sns.platform.applications.get(endpoint.applicationArn)?.platform ?? "";
  const messageId = newUuid();
  await sns.recorded.add({
    timestamp: new Date(sns.clock.now()).toISOString(),
    type: "Notification",
    protocol: "application",
    endpoint: endpoint.arn,
    messageId,
    subject: checked.subject,
    body: checked.perProtocol?.[platform] ?? checked.message,
  });
  return { MessageId: messageId };
}
