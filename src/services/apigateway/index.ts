/**
 * Amazon API Gateway (REST APIs), restJson1 with the `apigateway` signing name, driven by the
 * model in @aws-sdk/client-api-gateway. Work in progress: see LIMITATIONS.md.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Operations.html
 */
import type { ServiceModule } from "../../core/service.js";
import { modelFromSdkExports } from "../../protocols/smithy/shapes.js";
import { ApiGatewayService } from "./apigateway-service.js";
import { isApiCall } from "./invoke/invoke-api.js";
import { accountOperations } from "./operations/account.js";
import { apiKeyOperations } from "./operations/api-keys.js";
import { authorizerOperations } from "./operations/authorizers.js";
import { openApiOperations } from "./operations/openapi.js";
import { updateStageOperations } from "./operations/update-stage.js";
import { usagePlanOperations } from "./operations/usage-plans.js";
import { createDeployment, createStage, deleteDeployment, deleteStage, getDeployment, getDeployments, getStage, getStages, updateDeployment } from "./operations/deployments.js";
import { flushStageAuthorizersCache, flushStageCache } from "./operations/flush-stage-cache.js";
import { getTags, tagResource, untagResource } from "./operations/tags.js";
import { deleteGatewayResponse, getGatewayResponse, getGatewayResponses, putGatewayResponse, updateGatewayResponse } from "./operations/gateway-responses.js";
import { deleteIntegration, deleteMethod, getIntegration, getMethod, putIntegration, putMethod, testInvokeMethod, updateIntegration, updateMethod } from "./operations/methods.js";
import { createModel, createRequestValidator, deleteModel, deleteRequestValidator, getModel, getModels, getRequestValidator, getRequestValidators, updateModel, updateRequestValidator } from "./operations/models.js";
import { createResource, deleteResource, getResource, getResources, updateResource } from "./operations/resources.js";
import { deleteIntegrationResponse, deleteMethodResponse, getIntegrationResponse, getMethodResponse, putIntegrationResponse, putMethodResponse, updateIntegrationResponse, updateMethodResponse } from "./operations/responses.js";
import { createRestApi, deleteRestApi, getRestApi, getRestApis, updateRestApi } from "./operations/rest-apis.js";

export const apiGatewayService: ServiceModule<ApiGatewayService> = {
  id: "apigateway",
  signingName: "apigateway",
  protocols: ["restJson1"],
  loadModel: async () => modelFromSdkExports("com.amazonaws.apigateway", (await import("@aws-sdk/client-api-gateway")) as unknown as Record<string, unknown>),
  ownsRequest: isApiCall,
  create: (deps) => new ApiGatewayService(deps),
  operations: {
    CreateRestApi: createRestApi,
    GetRestApi: getRestApi,
    GetRestApis: getRestApis,
    UpdateRestApi: updateRestApi,
    DeleteRestApi: deleteRestApi,
    CreateResource: createResource,
    GetResource: getResource,
    GetResources: getResources,
    UpdateResource: updateResource,
    DeleteResource: deleteResource,
    PutMethod: putMethod,
    GetMethod: getMethod,
    TestInvokeMethod: testInvokeMethod,
    UpdateMethod: updateMethod,
    DeleteMethod: deleteMethod,
    PutIntegration: putIntegration,
    GetIntegration: getIntegration,
    UpdateIntegration: updateIntegration,
    DeleteIntegration: deleteIntegration,
    PutMethodResponse: putMethodResponse,
    GetMethodResponse: getMethodResponse,
    UpdateMethodResponse: updateMethodResponse,
    DeleteMethodResponse: deleteMethodResponse,
    PutIntegrationResponse: putIntegrationResponse,
    GetIntegrationResponse: getIntegrationResponse,
    UpdateIntegrationResponse: updateIntegrationResponse,
    DeleteIntegrationResponse: deleteIntegrationResponse,
    CreateModel: createModel,
    GetModel: getModel,
    GetModels: getModels,
    UpdateModel: updateModel,
    DeleteModel: deleteModel,
    CreateRequestValidator: createRequestValidator,
    GetRequestValidator: getRequestValidator,
    GetRequestValidators: getRequestValidators,
    UpdateRequestValidator: updateRequestValidator,
    DeleteRequestValidator: deleteRequestValidator,
    PutGatewayResponse: putGatewayResponse,
    GetGatewayResponse: getGatewayResponse,
    GetGatewayResponses: getGatewayResponses,
    UpdateGatewayResponse: updateGatewayResponse,
    DeleteGatewayResponse: deleteGatewayResponse,
    CreateDeployment: createDeployment,
    GetDeployment: getDeployment,
    GetDeployments: getDeployments,
    UpdateDeployment: updateDeployment,
    DeleteDeployment: deleteDeployment,
    CreateStage: createStage,
    GetStage: getStage,
    GetStages: getStages,
    DeleteStage: deleteStage,
    FlushStageCache: flushStageCache,
    FlushStageAuthorizersCache: flushStageAuthorizersCache,
    TagResource: tagResource,
    UntagResource: untagResource,
    GetTags: getTags,
    ...apiKeyOperations,
    ...usagePlanOperations,
    ...accountOperations,
    ...updateStageOperations,
    ...authorizerOperations,
    ...openApiOperations,
  },
};
