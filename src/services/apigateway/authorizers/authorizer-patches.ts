/**
 * UpdateAuthorizer's patch paths: `replace` on each property, and `add` / `remove` on
 * `/providerARNs` with the pool's ARN as the value (how Terraform and CloudFormation change a
 * Cognito authorizer's pools). An empty value clears an optional property. The patched
 * authorizer is then checked as a new one would be (authorizer-config.ts).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateAuthorizer.html
 * https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html
 */
import { ApiGatewayErrors } from "../errors.js";
import { integerValue, requiredValue, type Patch, type PatchRule } from "../patch.js";
import type { AuthorizerRecord } from "../types.js";
import { checkTtl, checkType } from "./authorizer-config.js";

type OptionalText = "authorizerUri" | "authorizerCredentials" | "identitySource" | "identityValidationExpression" | "authType";

function optional(field: OptionalText): PatchRule<AuthorizerRecord> {
  return {
    path: `/${field}`,
    ops: ["replace"],
    apply(a, patch) {
      if (patch.value === undefined || patch.value === null || patch.value === "") delete a[field];
      else a[field] = patch.value;
    },
  };
}

export const authorizerPatchRules: Array<PatchRule<AuthorizerRecord>> = [
  {
    path: "/name",
    ops: ["replace"],
    apply(a, patch) {
      a.name = requiredValue(patch);
    },
  },
  {
    path: "/type",
    ops: ["replace"],
    apply(a, patch) {
      a.type = checkType(requiredValue(patch));
    },
  },
  {
    path: "/authorizerResultTtlInSeconds",
    ops: ["replace"],
    apply(a, patch) {
      a.authorizerResultTtlInSeconds = checkTtl(integerValue(patch));
    },
  },
  optional("authorizerUri"),
  optional("authorizerCredentials"),
  optional("identitySource"),
  optional("identityValidationExpression"),
  optional("authType"),
  {
    path: "/providerARNs",
    ops: ["add", "remove"],
    apply(a, patch) {
      const arn = requiredValue(patch);
      const pools = a.providerARNs ?? [];
      if (patch.op === "add") {
        if (!pools.includes(arn)) a.providerARNs = [...pools, arn];
        return;
      }
      if (!pools.includes(arn)) throw notInList(patch, arn);
      a.providerARNs = pools.filter((p) => p !== arn);
    },
  },
];

function notInList(patch: Patch, arn: string) {
  return ApiGatewayErrors.badRequest(`Invalid patch path ${patch.path}: provider ARN ${arn} is not in the list`);
}
