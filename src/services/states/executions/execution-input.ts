/** StartExecution's name and input checks (256 KiB of JSON). */
import { newUuid } from "../../../core/ids.js";
import { StatesErrors } from "../errors.js";
import { checkName } from "../names.js";

const MAX_INPUT_BYTES = 262_144;

export function executionName(name: string | undefined): string {
  if (name === undefined) return newUuid();
  checkName(name);
  return name;
}

/** The input as JSON text ("{}" when none is given) and its parsed value. */
export function executionInput(input: string | undefined): { text: string; value: unknown } {
  const text = input ?? "{}";
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) throw StatesErrors.invalidExecutionInput(`Input exceeds the maximum size of ${MAX_INPUT_BYTES} bytes`);
  try {
    return { text, value: JSON.parse(text) };
  } catch (err) {
    throw StatesErrors.invalidExecutionInput((err as Error).message);
  }
}
