/**
 * Strict flag parsing for every command (node's util.parseArgs): an unknown flag or a missing
 * value is a usage error (exit 2) with a short message, not parseArgs's TypeError.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { oneLine, usageError } from "./cli-error.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;
/** The typed `values` parseArgs returns for these options (`--port` → `port?: string`, …). */
export type Flags<T extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>>["values"];

export function parseFlags<T extends OptionsConfig>(command: string, args: string[], options: T): Flags<T> {
  return parseCommandLine(command, args, options, false).values as Flags<T>;
}

/** Like parseFlags, also returning positional arguments (`stratus logs <function>`). */
export function parseFlagsAndPositionals<T extends OptionsConfig>(command: string, args: string[], options: T): { values: Flags<T>; positionals: string[] } {
  return parseCommandLine(command, args, options, true) as { values: Flags<T>; positionals: string[] };
}

function parseCommandLine(command: string, args: string[], options: OptionsConfig, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (err) {
    // parseArgs's messages can run on with advice about `--`; the first sentence is the useful part.
    const first = oneLine(err).split(/\.\s/, 1)[0].replace(/\.$/, "");
    throw usageError(`${first.charAt(0).toLowerCase()}${first.slice(1)} (see 'stratus ${command} --help')`);
  }
}

/** A TCP port: digits only (parseInt would accept "12abc"), 0 (pick a free port) to 65535. */
export function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw usageError(`invalid --port '${value}': expected an integer from 0 to 65535`);
  return port;
}
