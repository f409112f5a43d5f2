/** Placeholder: filled in by the work on this part of issue 6. */
import type { OperationHandler } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";

export const apiKeyOperations: Record<string, OperationHandler<ApiGatewayService>> = {};
