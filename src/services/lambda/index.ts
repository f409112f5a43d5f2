/**
 * AWS Lambda: the control plane (restJson1, driven by the model in @aws-sdk/client-lambda) and
 * execution through the real Lambda Runtime API in child processes.
 * https://docs.aws.amazon.com/lambda/latest/api/welcome.html
 */
import type { ServiceModule } from "../../core/service.js";
import { modelFromSdkExports } from "../../protocols/smithy/shapes.js";
import { setKnownRuntimes } from "./known-runtimes.js";
import { LambdaService } from "./lambda-service.js";
import { createAlias } from "./operations/create-alias.js";
import { createFunction } from "./operations/create-function.js";
import { deleteAlias } from "./operations/delete-alias.js";
import { deleteFunction } from "./operations/delete-function.js";
import { getAlias } from "./operations/get-alias.js";
import { getFunction } from "./operations/get-function.js";
import { getFunctionConfiguration } from "./operations/get-function-configuration.js";
import { invoke } from "./operations/invoke.js";
import { listAliases } from "./operations/list-aliases.js";
import { listFunctions } from "./operations/list-functions.js";
import { listVersionsByFunction } from "./operations/list-versions-by-function.js";
import { publishVersion } from "./operations/publish-version.js";
import { updateAlias } from "./operations/update-alias.js";
import { updateFunctionCode } from "./operations/update-function-code.js";
import { updateFunctionConfiguration } from "./operations/update-function-configuration.js";
import { addPermission } from "./operations/add-permission.js";
import { removePermission } from "./operations/remove-permission.js";
import { getPolicy } from "./operations/get-policy.js";
import { tagResource } from "./operations/tag-resource.js";
import { untagResource } from "./operations/untag-resource.js";
import { listTags } from "./operations/list-tags.js";
import { putFunctionConcurrency } from "./operations/put-function-concurrency.js";
import { getFunctionConcurrency } from "./operations/get-function-concurrency.js";
import { deleteFunctionConcurrency } from "./operations/delete-function-concurrency.js";
import { getAccountSettings } from "./operations/get-account-settings.js";
import { putFunctionEventInvokeConfig } from "./operations/put-function-event-invoke-config.js";
import { updateFunctionEventInvokeConfig } from "./operations/update-function-event-invoke-config.js";
import { getFunctionEventInvokeConfig } from "./operations/get-function-event-invoke-config.js";
import { deleteFunctionEventInvokeConfig } from "./operations/delete-function-event-invoke-config.js";
import { listFunctionEventInvokeConfigs } from "./operations/list-function-event-invoke-configs.js";
import { publishLayerVersion } from "./operations/publish-layer-version.js";
import { getLayerVersion } from "./operations/get-layer-version.js";
import { getLayerVersionByArn } from "./operations/get-layer-version-by-arn.js";
import { listLayers } from "./operations/list-layers.js";
import { listLayerVersions } from "./operations/list-layer-versions.js";
import { deleteLayerVersion } from "./operations/delete-layer-version.js";
import { invokeAsync } from "./operations/invoke-async.js";
import { createEventSourceMapping } from "./operations/create-event-source-mapping.js";
import { getEventSourceMapping } from "./operations/get-event-source-mapping.js";
import { updateEventSourceMapping } from "./operations/update-event-source-mapping.js";
import { deleteEventSourceMapping } from "./operations/delete-event-source-mapping.js";
import { listEventSourceMappings } from "./operations/list-event-source-mappings.js";

export const lambdaService: ServiceModule<LambdaService> = {
  id: "lambda",
  signingName: "lambda",
  protocols: ["restJson1"],
  loadModel: async () => {
    const sdk = await import("@aws-sdk/client-lambda");
    setKnownRuntimes(Object.values(sdk.Runtime));
    return modelFromSdkExports("com.amazonaws.lambda", sdk as unknown as Record<string, unknown>);
  },
  create: (deps) => new LambdaService(deps),
  operations: {
    CreateFunction: createFunction,
    GetFunction: getFunction,
    GetFunctionConfiguration: getFunctionConfiguration,
    UpdateFunctionCode: updateFunctionCode,
    UpdateFunctionConfiguration: updateFunctionConfiguration,
    ListFunctions: listFunctions,
    DeleteFunction: deleteFunction,
    PublishVersion: publishVersion,
    ListVersionsByFunction: listVersionsByFunction,
    CreateAlias: createAlias,
    GetAlias: getAlias,
    UpdateAlias: updateAlias,
    DeleteAlias: deleteAlias,
    ListAliases: listAliases,
    Invoke: invoke,
    AddPermission: addPermission,
    RemovePermission: removePermission,
    GetPolicy: getPolicy,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTags: listTags,
    PutFunctionConcurrency: putFunctionConcurrency,
    GetFunctionConcurrency: getFunctionConcurrency,
    DeleteFunctionConcurrency: deleteFunctionConcurrency,
    GetAccountSettings: getAccountSettings,
    PutFunctionEventInvokeConfig: putFunctionEventInvokeConfig,
    UpdateFunctionEventInvokeConfig: updateFunctionEventInvokeConfig,
    GetFunctionEventInvokeConfig: getFunctionEventInvokeConfig,
    DeleteFunctionEventInvokeConfig: deleteFunctionEventInvokeConfig,
    ListFunctionEventInvokeConfigs: listFunctionEventInvokeConfigs,
    PublishLayerVersion: publishLayerVersion,
    GetLayerVersion: getLayerVersion,
    GetLayerVersionByArn: getLayerVersionByArn,
    ListLayers: listLayers,
    ListLayerVersions: listLayerVersions,
    DeleteLayerVersion: deleteLayerVersion,
    InvokeAsync: invokeAsync,
    CreateEventSourceMapping: createEventSourceMapping,
    GetEventSourceMapping: getEventSourceMapping,
    UpdateEventSourceMapping: updateEventSourceMapping,
    DeleteEventSourceMapping: deleteEventSourceMapping,
    ListEventSourceMappings: listEventSourceMappings,
  },
};
