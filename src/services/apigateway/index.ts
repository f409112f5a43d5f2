/**
 * Amazon API Gateway (REST APIs), restJson1 with the `apigateway` signing name, driven by the
 * model in @aws-sdk/client-api-gateway. Work in progress: see LIMITATIONS.md.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Operations.html
 */
import type { ServiceModule } from "../../core/service.js";
import { modelFromSdkExports } from "../../protocols/smithy/shapes.js";
import { ApiGatewayService } from "./apigateway-service.js";
import { isApiCall } from "./invoke/invoke-api.js";
import { apiKeyOperations } from "./operations/api-keys.js";
import { authorizerOperations } from "./operations/authorizers.js";
import { openApiOperations } from "./operations/openapi.js";
import { usagePlanOperations } from "./operations/usage-plans.js";
import { createDeployment, createStage, deleteDeployment, deleteStage, getDeployment, getDeployments, getStage, getStages } from "./operations/deployments.js";
import { deleteIntegration, deleteMethod, getIntegration, getMethod, putIntegration, putMethod } from "./operations/methods.js";
import { createResource, deleteResource, getResource, getResources } from "./operations/resources.js";
import { createRestApi, deleteRestApi, getRestApi, getRestApis } from "./operations/rest-apis.js";

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
    DeleteRestApi: deleteRestApi,
    CreateResource: createResource,
    GetResource: getResource,
    GetResources: getResources,
    DeleteResource: deleteResource,
    PutMethod: putMethod,
    GetMethod: getMethod,
    DeleteMethod: deleteMethod,
    PutIntegration: putIntegration,
    GetIntegration: getIntegration,
    DeleteIntegration: deleteIntegration,
    CreateDeployment: createDeployment,
    GetDeployment: getDeployment,
    GetDeployments: getDeployments,
    DeleteDeployment: deleteDeployment,
    CreateStage: createStage,
    GetStage: getStage,
    GetStages: getStages,
    DeleteStage: deleteStage,
    ...apiKeyOperations,
    ...usagePlanOperations,
    ...authorizerOperations,
    ...openApiOperations,
  },
};
