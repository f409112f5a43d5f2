/**
 * The runtimes Stratus runs, and the ones AWS has retired (refused at create and update with
 * AWS's message). Node.js versions run on the machine's Node.js and Python versions on the
 * machine's python3 (see LIMITATIONS.md).
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
import { LambdaErrors } from "./errors.js";

export const SUPPORTED_RUNTIMES = [
  "nodejs18.x",
  "nodejs20.x",
  "nodejs22.x",
  "python3.9",
  "python3.10",
  "python3.11",
  "python3.12",
  "python3.13",
  "provided.al2",
  "provided.al2023",
] as const;

const DEPRECATED: Record<string, string> = {
  "nodejs": "nodejs22.x", "nodejs4.3": "nodejs22.x", "nodejs4.3-edge": "nodejs22.x", "nodejs6.10": "nodejs22.x", "nodejs8.10": "nodejs22.x",
  "nodejs10.x": "nodejs22.x", "nodejs12.x": "nodejs22.x", "nodejs14.x": "nodejs22.x", "nodejs16.x": "nodejs22.x",
  "python2.7": "python3.13", "python3.6": "python3.13", "python3.7": "python3.13", "python3.8": "python3.13",
  "provided": "provided.al2023", "go1.x": "provided.al2023",
};

/** Runtimes AWS offers that need a language Stratus does not run. */
const OTHER_AWS_RUNTIMES = /^(java\d+(\.al2)?|dotnet\d+|dotnetcore\d\.\d|ruby\d\.\d+|nodejs24\.x|python3\.1[4-9])$/;

export function checkRuntime(runtime: string | undefined): void {
  if (runtime === undefined) throw LambdaErrors.invalidParameter("Runtime and Handler are mandatory parameters for functions created with Zip Package Type.");
  if ((SUPPORTED_RUNTIMES as readonly string[]).includes(runtime)) return;
  if (DEPRECATED[runtime]) {
    throw LambdaErrors.invalidParameter(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (${DEPRECATED[runtime]}) while creating or updating functions.`,
    );
  }
  if (OTHER_AWS_RUNTIMES.test(runtime)) {
    throw LambdaErrors.invalidParameter(`Stratus cannot run the ${runtime} runtime. Supported runtimes: ${SUPPORTED_RUNTIMES.join(", ")}.`);
  }
  throw LambdaErrors.validation(runtime, "runtime", `Member must satisfy enum value set: [${SUPPORTED_RUNTIMES.join(", ")}]`);
}

export function isProvided(runtime: string | undefined): boolean {
  return runtime?.startsWith("provided") ?? false;
}
