/**
 * Amazon SNS over the query protocol, driven by the model in @aws-sdk/client-sns.
 * https://docs.aws.amazon.com/sns/latest/api/welcome.html
 */
import type { ServiceModule } from "../../core/service.js";
import { modelFromSdkExports } from "../../protocols/smithy/shapes.js";
import { SnsErrors } from "./errors.js";
import { confirmSubscription } from "./operations/confirm-subscription.js";
import { createTopic } from "./operations/create-topic.js";
import { getDataProtectionPolicy, putDataProtectionPolicy } from "./operations/data-protection-policy.js";
import { deleteTopic } from "./operations/delete-topic.js";
import { getTopicAttributes } from "./operations/get-topic-attributes.js";
import { listSubscriptions, listSubscriptionsByTopic } from "./operations/list-subscriptions.js";
import { listTopics } from "./operations/list-topics.js";
import { addPermission, removePermission } from "./operations/permissions.js";
import { publish } from "./operations/publish.js";
import { publishBatch } from "./operations/publish-batch.js";
import { setTopicAttributes } from "./operations/set-topic-attributes.js";
import { subscribe } from "./operations/subscribe.js";
import { getSubscriptionAttributes, setSubscriptionAttributes } from "./operations/subscription-attributes.js";
import { listTagsForResource, tagResource, untagResource } from "./operations/tags.js";
import { unsubscribe } from "./operations/unsubscribe.js";
import {
  createPlatformApplication,
  deletePlatformApplication,
  getPlatformApplicationAttributes,
  listPlatformApplications,
  setPlatformApplicationAttributes,
} from "./platform/application-operations.js";
import { createPlatformEndpoint, deleteEndpoint, getEndpointAttributes, listEndpointsByPlatformApplication, setEndpointAttributes } from "./platform/endpoint-operations.js";
import {
  createSMSSandboxPhoneNumber,
  deleteSMSSandboxPhoneNumber,
  getSMSSandboxAccountStatus,
  listOriginationNumbers,
  listSMSSandboxPhoneNumbers,
  verifySMSSandboxPhoneNumber,
} from "./sms/sandbox-operations.js";
import { checkIfPhoneNumberIsOptedOut, getSMSAttributes, listPhoneNumbersOptedOut, optInPhoneNumber, setSMSAttributes } from "./sms/sms-operations.js";
import { SnsService } from "./sns-service.js";

export const snsService: ServiceModule<SnsService> = {
  id: "sns",
  signingName: "sns",
  protocols: ["awsQuery"],
  query: { version: "2010-03-31", xmlNamespace: "http://sns.amazonaws.com/doc/2010-03-31/" },
  loadModel: async () => modelFromSdkExports("com.amazonaws.sns", (await import("@aws-sdk/client-sns")) as unknown as Record<string, unknown>),
  anonymousActions: ["ConfirmSubscription", "Unsubscribe"],
  validationErrors: {
    missing: (member) => SnsErrors.invalidParameter(`${member} Reason: no value for required parameter`),
    invalid: (member, why) => SnsErrors.invalidParameter(`${member} Reason: ${why}`),
  },
  create: (deps) => new SnsService(deps),
  operations: {
    CreateTopic: createTopic,
    DeleteTopic: deleteTopic,
    ListTopics: listTopics,
    GetTopicAttributes: getTopicAttributes,
    SetTopicAttributes: setTopicAttributes,
    Subscribe: subscribe,
    ConfirmSubscription: confirmSubscription,
    Unsubscribe: unsubscribe,
    ListSubscriptions: listSubscriptions,
    ListSubscriptionsByTopic: listSubscriptionsByTopic,
    GetSubscriptionAttributes: getSubscriptionAttributes,
    SetSubscriptionAttributes: setSubscriptionAttributes,
    Publish: publish,
    PublishBatch: publishBatch,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
    AddPermission: addPermission,
    RemovePermission: removePermission,
    GetDataProtectionPolicy: getDataProtectionPolicy,
    PutDataProtectionPolicy: putDataProtectionPolicy,
    CreatePlatformApplication: createPlatformApplication,
    GetPlatformApplicationAttributes: getPlatformApplicationAttributes,
    SetPlatformApplicationAttributes: setPlatformApplicationAttributes,
    ListPlatformApplications: listPlatformApplications,
    DeletePlatformApplication: deletePlatformApplication,
    CreatePlatformEndpoint: createPlatformEndpoint,
    GetEndpointAttributes: getEndpointAttributes,
    SetEndpointAttributes: setEndpointAttributes,
    ListEndpointsByPlatformApplication: listEndpointsByPlatformApplication,
    DeleteEndpoint: deleteEndpoint,
    SetSMSAttributes: setSMSAttributes,
    GetSMSAttributes: getSMSAttributes,
    CheckIfPhoneNumberIsOptedOut: checkIfPhoneNumberIsOptedOut,
    ListPhoneNumbersOptedOut: listPhoneNumbersOptedOut,
    OptInPhoneNumber: optInPhoneNumber,
    GetSMSSandboxAccountStatus: getSMSSandboxAccountStatus,
    CreateSMSSandboxPhoneNumber: createSMSSandboxPhoneNumber,
    VerifySMSSandboxPhoneNumber: verifySMSSandboxPhoneNumber,
    DeleteSMSSandboxPhoneNumber: deleteSMSSandboxPhoneNumber,
    ListSMSSandboxPhoneNumbers: listSMSSandboxPhoneNumbers,
    ListOriginationNumbers: listOriginationNumbers,
  },
};
