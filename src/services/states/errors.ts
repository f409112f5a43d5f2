/**
 * Step Functions' errors with AWS's codes and messages.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html
 */
import { ServiceError } from "../../core/errors.js";

export const StatesErrors = {
  invalidName: (name: string) => new ServiceError("InvalidName", `Invalid Name: '${name}'`),
  invalidArn: (detail: string) => new ServiceError("InvalidArn", `Invalid Arn: '${detail}'`),
  invalidDefinition: (message: string) => new ServiceError("InvalidDefinition", message),
  stateMachineDoesNotExist: (arn: string) => new ServiceError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`),
  stateMachineAlreadyExists: (arn: string) => new ServiceError("StateMachineAlreadyExists", `State Machine Already Exists: '${arn}'`),
  stateMachineDeleting: (arn: string) => new ServiceError("StateMachineDeleting", `State Machine is being deleted: '${arn}'`),
  executionDoesNotExist: (arn: string) => new ServiceError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`),
  executionAlreadyExists: (arn: string) => new ServiceError("ExecutionAlreadyExists", `Execution Already Exists: '${arn}'`),
  invalidExecutionInput: (detail: string) => new ServiceError("InvalidExecutionInput", `Invalid State Machine Execution Input: '${detail}'`),
  typeNotSupported: (message: string) => new ServiceError("StateMachineTypeNotSupported", message),
  invalidToken: () => new ServiceError("InvalidToken", "Invalid Token: 'Invalid token'"),
  taskDoesNotExist: () => new ServiceError("TaskDoesNotExist", "Task Does Not Exist"),
  invalidOutput: (detail: string) => new ServiceError("InvalidOutput", `Invalid State Machine Execution Output: '${detail}'`),
  activityDoesNotExist: (arn: string) => new ServiceError("ActivityDoesNotExist", `Activity Does Not Exist: '${arn}'`),
  executionNotRedrivable: (arn: string, why: string) => new ServiceError("ExecutionNotRedrivable", `Execution ${arn} cannot be redriven: ${why}`),
  resourceNotFound: (arn: string) => new ServiceError("ResourceNotFound", `Resource not found: '${arn}'`, { fields: { resourceName: arn } }),
  tooManyTags: (arn: string) => new ServiceError("TooManyTags", `Too many tags: '${arn}'`, { fields: { resourceName: arn } }),
  invalidLogging: (message: string) => new ServiceError("InvalidLoggingConfiguration", message),
  invalidTracing: (message: string) => new ServiceError("InvalidTracingConfiguration", message),
  validation: (message: string, reason?: string) => new ServiceError("ValidationException", message, reason ? { fields: { reason } } : {}),
  missingRequiredParameter: (message: string) => new ServiceError("MissingRequiredParameter", message),
} as const;
