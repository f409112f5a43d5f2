/**
 * A Lambda authorizer's URI:
 * `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations`.
 * The function ARN may use stage variables (`…:function:${stageVariables.authFn}`), resolved
 * per call from the stage being called.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html (authorizerUri)
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/amazon-api-gateway-using-stage-variables.html
 */

const LAMBDA_URI = /^arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** The function (ARN, partial ARN or name) an authorizer URI invokes, or undefined. */
export function authorizerFunction(uri: string | undefined, stageVariables: Record<string, string> = {}): string | undefined {
  const fn = uri === undefined ? undefined : LAMBDA_URI.exec(uri)?.[1];
  return fn === undefined ? undefined : substituteStageVariables(fn, stageVariables);
}

export function isLambdaAuthorizerUri(uri: string): boolean {
  return LAMBDA_URI.test(uri);
}

/** `${stageVariables.name}` replaced by the stage's value (empty when the stage has none). */
export function substituteStageVariables(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => variables[name] ?? "");
}
