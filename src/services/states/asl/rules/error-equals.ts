/** The ErrorEquals field shared by retriers and catchers: definition-time checks. */
import { schemaError, StatesErrors, type Diagnostic } from "./errors.js";
import { Messages } from "./validation.js";

/**
 * Checks one ErrorEquals list at `location` (e.g. `/States/X/Retry[0]/ErrorEquals`); `isLast`
 * says whether its retrier/catcher is the last of its array, where alone States.ALL may stand.
 */
export function checkErrorEquals(out: Diagnostic[], value: unknown, location: string, isLast: boolean): void {
  if (!Array.isArray(value)) {
    out.push(schemaError(Messages.expectedType("Array"), location));
    return;
  }
  if (value.length === 0) {
    out.push(schemaError(Messages.empty, location));
    return;
  }
  value.forEach((name, i) => {
    if (typeof name !== "string") out.push(schemaError(Messages.expectedType("String"), `${location}[${i}]`));
    else if (name === StatesErrors.ALL && (value.length > 1 || !isLast)) out.push(schemaError(Messages.statesAllAlone, `${location}[${i}]`));
  });
}
