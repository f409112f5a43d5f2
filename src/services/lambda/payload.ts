/** Invocation payloads: AWS refuses one that is not JSON before running anything. */
import { ServiceError } from "../../core/errors.js";

export function checkJsonPayload(payload: Buffer): void {
  try {
    JSON.parse(payload.toString("utf8"));
  } catch (err) {
    throw new ServiceError("InvalidRequestContentException", `Could not parse request body into json: Could not parse payload into json: ${(err as Error).message}`, {
      status: 400,
      fields: { Type: "User" },
    });
  }
}
