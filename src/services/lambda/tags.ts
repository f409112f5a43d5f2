/**
 * Resource tags: at most 50; keys 1–128 characters, values up to 256; the `aws:` prefix is reserved.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html
 */
import { LambdaErrors } from "./errors.js";

export const MAX_TAGS = 50;

export function validateTags(tags: Record<string, string>): Record<string, string> {
  for (const [k, v] of Object.entries(tags)) {
    if (k.length < 1 || k.length > 128) throw LambdaErrors.invalidParameter(`Tag key '${k}' must be between 1 and 128 characters.`);
    if (/^aws:/i.test(k)) throw LambdaErrors.invalidParameter("Tag keys starting with 'aws:' are reserved.");
    if (typeof v !== "string" || v.length > 256) throw LambdaErrors.invalidParameter(`Tag value for '${k}' must be at most 256 characters.`);
  }
  if (Object.keys(tags).length > MAX_TAGS) throw LambdaErrors.invalidParameter(`Number of tags exceeds resource tag limit (${MAX_TAGS}).`);
  return { ...tags };
}
