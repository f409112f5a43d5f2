/**
 * The method ARN an authorizer's policy is evaluated against:
 * `arn:aws:execute-api:{region}:{accountId}:{apiId}/{stage}/{HTTP verb}/{path}`, the path being
 * the request's own (`pets/42`, not `pets/{id}`), without its leading slash; the root is `…/GET/`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html#api-gateway-iam-policy-resource-format-for-executing-api
 */
import type { ApiCall } from "../invoke/api-call.js";

export function methodArn(call: ApiCall, stageName = call.stage.stageName): string {
  return executeApiArn(call.api.region, call.api.accountId, call.api.id, stageName, call.request.method, call.request.path);
}

export function executeApiArn(region: string, accountId: string, apiId: string, stage: string, httpMethod: string, path: string): string {
  return `arn:${partition(region)}:execute-api:${region}:${accountId}:${apiId}/${stage}/${httpMethod}/${path.replace(/^\//, "")}`;
}

function partition(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}
