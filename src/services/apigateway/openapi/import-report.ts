/**
 * What an import found wrong, in AWS's words. Errors always fail the import; warnings fail it
 * only with failonwarnings=true and are otherwise returned in the RestApi's `warnings`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-errors-warnings.html
 *
 * The message layout is AWS's: "Errors found during import:" then one tab-indented line per
 * error, then "Additionally, these warnings were found:" and the warnings; with warnings only,
 * "Warnings found during import:".
 */
import { ApiGatewayErrors } from "../errors.js";

export class ImportReport {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  error(message: string): void {
    this.errors.push(message);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Throws AWS's BadRequestException when the import must not go ahead. */
  check(failOnWarnings: boolean): void {
    if (this.errors.length > 0) {
      const extra = this.warnings.length > 0 ? `\nAdditionally, these warnings were found:\n\t${this.warnings.join("\n\t")}` : "";
      throw ApiGatewayErrors.badRequest(`Errors found during import:\n\t${this.errors.join("\n\t")}${extra}`);
    }
    if (failOnWarnings && this.warnings.length > 0) throw ApiGatewayErrors.badRequest(`Warnings found during import:\n\t${this.warnings.join("\n\t")}`);
  }
}

/**
 * How AWS names a method in import messages: "Unable to put method 'GET' on resource at path
 * '/pets'", but "Unable to put integration on 'GET' for resource at path '/pets'".
 */
export const methodAt = (httpMethod: string, path: string, preposition: "on" | "for" = "on") => `'${httpMethod}' ${preposition} resource at path '${path}'`;
