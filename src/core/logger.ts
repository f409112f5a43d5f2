/**
 * A small leveled logger writing one readable line per event to stderr. Secrets never reach it:
 * callers log ids, names and outcomes, never credentials or signatures.
 */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export const LOG_LEVELS = Object.keys(ORDER) as LogLevel[];

export interface Logger {
  readonly level: LogLevel;
  enabled(level: LogLevel): boolean;
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export function createLogger(level: LogLevel = "info", write: (line: string) => void = (l) => process.stderr.write(l + "\n")): Logger {
  const threshold = ORDER[level];
  const emit = (lvl: LogLevel, msg: string) => {
    if (ORDER[lvl] >= threshold) write(`${new Date().toISOString()} ${lvl.toUpperCase().padEnd(5)} ${msg}`);
  };
  return {
    level,
    enabled: (lvl) => ORDER[lvl] >= threshold,
    debug: (msg) => emit("debug", msg),
    info: (msg) => emit("info", msg),
    warn: (msg) => emit("warn", msg),
    error: (msg, err) => emit("error", err instanceof Error ? `${msg}: ${err.stack ?? err.message}` : msg),
  };
}

export function isLogLevel(value: string): value is LogLevel {
  return value in ORDER;
}
