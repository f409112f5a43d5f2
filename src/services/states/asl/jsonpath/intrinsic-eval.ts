/** Evaluation of a parsed intrinsic call: arguments first (paths, literals, nested calls), then the function. */
import type { JsonValue } from "./json.js";
import type { DataContext } from "./context.js";
import { contextDocument } from "./context.js";
import { runtimeError } from "./errors.js";
import type { IntrinsicArg, IntrinsicCall } from "./intrinsic-parser.js";
import { applyIntrinsic } from "./intrinsic-functions.js";
import { fieldPathNotFound, invalidPath } from "./messages.js";
import { PathNotFoundError, evaluateParsedPath } from "./path-eval.js";

/**
 * Evaluates `call` against `input`. A path argument that selects nothing fails with
 * States.Runtime (worded like a payload template's miss when `field` names the `.$` field);
 * a bad argument or data fails with States.IntrinsicFailure.
 */
export function evaluateParsedIntrinsic(call: IntrinsicCall, input: JsonValue, ctx: DataContext = {}, field?: string): JsonValue {
  const args = call.args.map((arg) => evaluateArg(arg, input, ctx, field));
  return applyIntrinsic(call, args, ctx);
}

function evaluateArg(arg: IntrinsicArg, input: JsonValue, ctx: DataContext, field: string | undefined): JsonValue {
  switch (arg.kind) {
    case "literal":
      return arg.value;
    case "call":
      return evaluateParsedIntrinsic(arg, input, ctx, field);
    case "path":
      try {
        return evaluateParsedPath(arg.path, { input, context: contextDocument(ctx), variables: ctx.variables });
      } catch (err) {
        if (!(err instanceof PathNotFoundError)) throw err;
        const doc = arg.path.root.kind === "context" ? contextDocument(ctx) : input;
        throw runtimeError(field ? fieldPathNotFound(arg.text, field, doc) : invalidPath(arg.text, err.detail));
      }
  }
}
