/** ValidateStateMachineDefinition: https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html */
import { checkDefinition } from "../definition-check.js";

export function validateStateMachineDefinition(input: { definition: string; type?: "STANDARD" | "EXPRESS"; severity?: "ERROR" | "WARNING"; maxResults?: number }) {
  const all = checkDefinition(input.definition, input.type);
  // severity ERROR (the default) returns only errors; WARNING returns both.
  const wanted = input.severity === "WARNING" ? all : all.filter((d) => d.severity === "ERROR");
  const max = input.maxResults || 100;
  return {
    result: all.some((d) => d.severity === "ERROR") ? "FAIL" : "OK",
    diagnostics: wanted.slice(0, max),
    truncated: wanted.length > max,
  };
}
