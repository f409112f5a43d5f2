/**
 * A CommonJS package loaded on its first use instead of when the server starts. Start-up time
 * is one of Stratus's targets, and packages only some calls need (YAML for OpenAPI documents,
 * a zip reader for Lambda code, a JSON Schema validator for API Gateway models) would each add
 * their load time to every start.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
