/**
 * The one kind of failure the CLI reports: a message for a single `stratus: …` line on stderr
 * and the exit code that goes with it. Anything else that escapes is a bug, but it is still
 * shown as one line (main.ts), because a stack trace tells a user nothing they can act on.
 */

/** Conventional exit codes: 1 when something failed while running, 2 when the command line was wrong. */
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, EXIT_USAGE);
}

export function runtimeError(message: string): CliError {
  return new CliError(message, EXIT_RUNTIME);
}

/** The message of any thrown value, flattened to one line. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*\n\s*/g, " ").trim();
}
