/**
 * The errors an upload of code can fail with. Lambda's errors carry `Type: "User"`; statuses
 * default from the Lambda model (InvalidParameterValueException 400, RequestTooLargeException 413).
 */
import { ServiceError } from "../../../core/errors.js";
import { MAX_ZIPPED_UPLOAD_BYTES } from "./limits.js";

const user = { fields: { Type: "User" } };

/** AWS's wording for a zip it cannot read. */
export const COULD_NOT_UNZIP = "Could not unzip uploaded file. Please check your file, then try to upload again.";

/** Entry names can be anything a zip holds: keep messages printable and short. */
function describe(name: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = name.replace(/[\u0000-\u001f\u007f]/g, "?");
  return printable.length > 200 ? `${printable.slice(0, 200)}…` : printable;
}

export const CodeErrors = {
  notAZip: () => new ServiceError("InvalidParameterValueException", COULD_NOT_UNZIP, user),
  /** An entry that would be written (or point) outside the code directory, or cannot be unpacked. */
  unsafeEntry: (name: string, reason: string) =>
    new ServiceError("InvalidParameterValueException", `Could not unzip uploaded file: the entry '${describe(name)}' ${reason}.`, user),
  tooManyEntries: (limit: number) =>
    new ServiceError("InvalidParameterValueException", `Could not unzip uploaded file: it has more than ${limit} entries.`, user),
  unzippedTooLarge: (limit: number) =>
    new ServiceError("InvalidParameterValueException", `Unzipped size must be smaller than ${limit} bytes`, user),
  zippedTooLarge: (size: number) =>
    new ServiceError(
      "RequestTooLargeException",
      `Zipped size must be smaller than ${MAX_ZIPPED_UPLOAD_BYTES} bytes (the zip has ${size} bytes).`,
      { status: 413, fields: { Type: "User" } },
    ),
} as const;
