/**
 * API Gateway's errors, with AWS's messages (statuses from the model: NotFoundException 404,
 * ConflictException 409, BadRequestException 400).
 * https://docs.aws.amazon.com/apigateway/latest/api/CommonErrors.html
 */
import { ServiceError } from "../../core/errors.js";

export const ApiGatewayErrors = {
  notFound: (message: string) => new ServiceError("NotFoundException", message),
  badRequest: (message: string) => new ServiceError("BadRequestException", message),
  conflict: (message: string) => new ServiceError("ConflictException", message),
  invalidApi: (accountId: string, id: string) => new ServiceError("NotFoundException", `Invalid API identifier specified ${accountId}:${id}`),
  invalidResource: (accountId: string, apiId: string, id: string) => new ServiceError("NotFoundException", `Invalid Resource identifier specified ${accountId}:${apiId}:${id}`),
  invalidMethod: () => new ServiceError("NotFoundException", "Invalid Method identifier specified"),
  noIntegration: () => new ServiceError("NotFoundException", "Invalid Integration identifier specified"),
} as const;
