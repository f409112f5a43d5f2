/**
 * The function a tagging operation's `Resource` ARN names. Tags belong to the function as a
 * whole: a qualified ARN (version or alias) is refused, as on AWS.
 * https://docs.aws.amazon.com/lambda/latest/api/API_TagResource.html
 */
import type { RequestContext } from "../../core/service.js";
import { LambdaErrors } from "./errors.js";
import type { LambdaService } from "./lambda-service.js";
import { parseFunctionName } from "./names.js";
import type { FunctionRecord } from "./types.js";

const TAGGABLE_PATTERN =
  "arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";
const TAGGABLE = new RegExp(`^${TAGGABLE_PATTERN}$`);
const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:[^:]+:\d{12}:function:/;

export function requireTaggedFunction(resource: string, ctx: RequestContext, lambda: LambdaService): FunctionRecord {
  if (resource.length > 256) throw LambdaErrors.validation(resource, "resource", "Member must have length less than or equal to 256");
  if (!TAGGABLE.test(resource)) throw LambdaErrors.validation(resource, "resource", `Member must satisfy regular expression pattern: ${TAGGABLE_PATTERN}`);
  if (!FUNCTION_ARN.test(resource)) throw LambdaErrors.invalidParameter(`Stratus keeps tags on functions only; ${resource} is not a function ARN.`);
  const ref = parseFunctionName(resource, ctx);
  if (ref.qualifier) throw LambdaErrors.invalidParameter("Tags on function aliases and versions are not supported. Please specify a function ARN.");
  return lambda.functions.require(resource, ctx).fn;
}
