/**
 * What a codec reports when a request does not fit the operation's input shape. The service
 * decides which AWS error that becomes (`validationErrors` on the service module); without a
 * mapping it is the generic `ValidationException`.
 */
import { ServiceError } from "../core/errors.js";
import type { ServiceModule } from "../core/service.js";

export class ValidationFailure extends Error {
  constructor(
    readonly kind: "missing" | "invalid",
    readonly member: string,
    readonly why: string,
  ) {
    super(kind === "missing" ? `Missing required member ${member}` : `Invalid value for ${member}: ${why}`);
  }
}

export function toServiceError(service: ServiceModule, failure: ValidationFailure): Error {
  const mapping = service.validationErrors;
  if (mapping) return failure.kind === "missing" ? mapping.missing(failure.member) : mapping.invalid(failure.member, failure.why);
  return new ServiceError(
    "ValidationException",
    failure.kind === "missing"
      ? `1 validation error detected: Value null at '${failure.member}' failed to satisfy constraint: Member must not be null`
      : `1 validation error detected: Value at '${failure.member}' failed to satisfy constraint: ${failure.why}`,
    { status: 400 },
  );
}

/** Runs a decoder, turning a validation failure into the service's own error. */
export function decodeInput<T>(service: ServiceModule, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof ValidationFailure) throw toServiceError(service, err);
    throw err;
  }
}
