/**
 * A mapping template that cannot be parsed or fails while it runs. API Gateway answers the
 * client 500 `{"message": "Internal server error"}` in that case; `message` is for the logs.
 */
export type TemplateErrorKind = "parse" | "runtime" | "limit";

export interface TemplatePosition {
  line: number;
  column: number;
}

export class MappingTemplateError extends Error {
  /** What the client of the API sees. */
  static readonly statusCode = 500;
  static readonly clientMessage = "Internal server error";

  readonly kind: TemplateErrorKind;
  readonly position: TemplatePosition | undefined;
  /** The message without the position prefix. */
  readonly detail: string;

  constructor(kind: TemplateErrorKind, detail: string, position?: TemplatePosition) {
    const where = position ? ` at line ${position.line}, column ${position.column}` : "";
    const what = kind === "parse" ? "cannot be parsed" : kind === "limit" ? "exceeded a limit" : "failed";
    super(`Mapping template ${what}${where}: ${detail}`);
    this.name = "MappingTemplateError";
    this.kind = kind;
    this.position = position;
    this.detail = detail;
  }
}

/**
 * A Java exception thrown by a method the template called (String.substring out of range,
 * URLDecoder on a bad escape, ...). Velocity wraps it and the template fails; the renderer
 * turns it into a MappingTemplateError with the reference's position.
 */
export class JavaException extends Error {
  constructor(readonly javaClass: string, message: string) {
    super(message ? `${javaClass}: ${message}` : javaClass);
    this.name = "JavaException";
  }
}
