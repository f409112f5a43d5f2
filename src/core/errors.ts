/**
 * The one error type a client ever sees. Operations throw `ServiceError(code, message)`; the
 * protocol layer turns it into the wire shape of the service's protocol. Status and the
 * query-compatible code default from the service model's error schema when the code is one of
 * the model's errors; anything else is given explicitly.
 */
export interface ServiceErrorOptions {
  /** HTTP status; defaults to the model's httpError for this code, else 400. */
  status?: number;
  /** Whether the caller is at fault (Sender) or the service (Receiver). Defaults to status < 500. */
  senderFault?: boolean;
  /** awsQuery error code when it differs from `code` (SQS: AWS.SimpleQueueService.NonExistentQueue). */
  queryCode?: string;
  /** Extra members of the error shape (Lambda's Type, retryAfterSeconds, …). */
  fields?: Record<string, unknown>;
  /** Extra response headers (Retry-After, …). */
  headers?: Record<string, string>;
}

export class ServiceError extends Error {
  readonly code: string;
  readonly options: ServiceErrorOptions;

  constructor(code: string, message: string, options: ServiceErrorOptions = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.options = options;
  }
}

export function isServiceError(err: unknown): err is ServiceError {
  return err instanceof ServiceError;
}

/** Errors every service shares, with the codes and statuses AWS uses across protocols. */
export const CommonErrors = {
  internalFailure: () =>
    new ServiceError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", { status: 500, senderFault: false }),
  unknownOperation: (service: string, operation: string) =>
    new ServiceError("UnknownOperationException", `The ${service} operation ${operation || "(none)"} is not known.`, { status: 400, queryCode: "InvalidAction" }),
  notImplemented: (service: string, operation: string) =>
    new ServiceError("NotImplemented", `Stratus does not implement ${service}.${operation} yet.`, { status: 501, senderFault: false }),
  requestTooLarge: (limit: number) =>
    new ServiceError("RequestEntityTooLarge", `The request body is larger than the ${limit}-byte limit.`, { status: 413 }),
} as const;
