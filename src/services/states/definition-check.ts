/**
 * The definition check Create/UpdateStateMachine and ValidateStateMachineDefinition apply.
 * Diagnostics as ValidateStateMachineDefinition returns them; CreateStateMachine joins them
 * into InvalidDefinition's message.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html
 */
export interface Diagnostic {
  severity: "ERROR" | "WARNING";
  code: string;
  message: string;
  location?: string;
}

const STATE_TYPES = new Set(["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"]);

export function checkDefinition(text: string): Diagnostic[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return [{ severity: "ERROR", code: "INVALID_JSON_DESCRIPTION", message: (err as Error).message }];
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return [{ severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "Expected value of type Object", location: "/" }];
  const out: Diagnostic[] = [];
  const def = doc as Record<string, unknown>;
  const states = def.States;
  if (def.StartAt === undefined) out.push(schema("The field 'StartAt' is required", "/"));
  if (states === undefined) out.push(schema("The field 'States' is required", "/"));
  if (typeof states !== "object" || states === null || Array.isArray(states)) return out;
  for (const [name, state] of Object.entries(states as Record<string, unknown>)) {
    const type = (state as { Type?: unknown } | null)?.Type;
    if (type === undefined) out.push(schema("The field 'Type' is required", `/States/${name}`));
    else if (typeof type !== "string" || !STATE_TYPES.has(type)) out.push(schema(`Value is not a valid state type: ${String(type)}`, `/States/${name}/Type`));
  }
  if (typeof def.StartAt === "string" && !(def.StartAt in (states as object))) {
    out.push({ severity: "ERROR", code: "MISSING_TRANSITION_TARGET", message: `Missing 'Next' target: ${def.StartAt}`, location: "/StartAt" });
  }
  return out;
}

/** CreateStateMachine's InvalidDefinition message for these diagnostics. */
export function invalidDefinitionMessage(diagnostics: Diagnostic[]): string {
  const parts = diagnostics.map((d) => `'${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ""}'`);
  return `Invalid State Machine Definition: ${parts.join(", ")}`;
}

function schema(message: string, location: string): Diagnostic {
  return { severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message, location };
}
