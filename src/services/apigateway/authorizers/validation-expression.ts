/**
 * identityValidationExpression: a regular expression the whole token (TOKEN authorizers) or the
 * token's `aud` (Cognito authorizers) must match before anything else happens; no match is 401
 * without the function running. AWS compiles it as a Java regex; JavaScript's is close enough
 * for the patterns people write (`^Bearer [-0-9a-zA-Z._]*$`).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html (identityValidationExpression)
 */

/** Whether the expression compiles. */
export function isValidExpression(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Whether the whole value matches (Java's Pattern.matches, not a search). */
export function fullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}
