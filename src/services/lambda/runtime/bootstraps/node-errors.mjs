/* global process, console */
// Errors and log lines as AWS's Node.js runtime produces them: the Runtime.* error classes, the
// error document posted to the Runtime API, and console output patched to
// `<ISO time>\t<request id>\t<LEVEL>\t<message>`. Part of node-bootstrap.mjs.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html

import util from "node:util";

export class ImportModuleError extends Error {
  constructor(original) {
    super(String(original));
  }
}
export class HandlerNotFound extends Error {}
export class MalformedHandlerName extends Error {}
export class UserCodeSyntaxError extends Error {
  constructor(original) {
    super(String(original));
    this.stack = original.stack;
  }
}
export class UnhandledPromiseRejection extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
}
export class NodeJsExit extends Error {
  constructor() {
    super(
      "The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes",
    );
  }
}
for (const cls of [ImportModuleError, HandlerNotFound, MalformedHandlerName, UserCodeSyntaxError, UnhandledPromiseRejection, NodeJsExit]) {
  Object.defineProperty(cls.prototype, "name", { value: `Runtime.${cls.name}`, writable: true, configurable: true });
}

function isErrorLike(e) {
  return !!e && typeof e.name === "string" && typeof e.message === "string" && typeof e.stack === "string";
}

/** The document posted to /error and /init/error: {errorType, errorMessage, trace}. */
export function toRapidResponse(error) {
  try {
    if (util.types.isNativeError(error) || isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: String(error.stack).split("\n") };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: "handled",
      errorMessage: "callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack",
    };
  }
}

/** How the runtime logs an error object: a tab, then JSON with its enumerable properties. */
function toFormatted(error) {
  try {
    return "\t" + JSON.stringify(error, (_k, v) => withEnumerableProperties(v));
  } catch {
    return "\t" + JSON.stringify(toRapidResponse(error));
  }
}

function withEnumerableProperties(error) {
  if (!(error instanceof Error)) return error;
  const ret = Object.assign({ errorType: error.name, errorMessage: error.message, code: error.code }, error);
  if (typeof error.stack === "string") ret.stack = error.stack.split("\n");
  return ret;
}

const intoError = (err) => (err instanceof Error ? err : new Error(err));

// ---------------------------------------------------------------------------------------------
// Logging: `<ISO time>\t<request id>\t<LEVEL>\t<message>`, newlines inside a message turned
// into "\r" so one call stays one log event. AWS_LAMBDA_LOG_LEVEL filters as on AWS.

let currentRequestId = undefined;

/** The request id console lines carry (`undefined` during INIT, as on AWS). */
export function setRequestId(id) {
  currentRequestId = id;
}
const LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };
const minLevel = LEVELS[(process.env.AWS_LAMBDA_LOG_LEVEL ?? "").toUpperCase()] ?? LEVELS.TRACE;

function writeLog(level, args) {
  const line = `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${util.format(...args)}`.replace(/\n/g, "\r");
  process.stdout.write(line + "\n");
}

export function patchConsole() {
  const nop = () => {};
  const make = (level) => (LEVELS[level] >= minLevel ? (...args) => writeLog(level, args) : nop);
  console.trace = make("TRACE");
  console.debug = make("DEBUG");
  console.info = make("INFO");
  console.log = console.info;
  console.warn = make("WARN");
  console.error = make("ERROR");
  console.fatal = (...args) => writeLog("FATAL", args);
}

export const logError = (label, err) => console.error(label, toFormatted(intoError(err)));
