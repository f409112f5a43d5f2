/* global process */
// Module resolve hook registered by node-bootstrap.mjs: a bare specifier an ES module cannot
// find the usual way (node_modules up from the importing file) is looked up from each NODE_PATH
// directory in turn, so `import { SQSClient } from "@aws-sdk/client-sqs"` works from a handler
// without bundling, as on AWS's Node 18+ runtimes. Relative and absolute specifiers, and
// `node:` builtins, are left alone.
// https://nodejs.org/api/module.html#customization-hooks

import path from "node:path";
import { pathToFileURL } from "node:url";

const dirs = (process.env.NODE_PATH ?? "").split(path.delimiter).filter(Boolean);

function isBare(specifier) {
  return !specifier.startsWith(".") && !specifier.startsWith("/") && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(specifier);
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (err) {
    if (err?.code !== "ERR_MODULE_NOT_FOUND" || !isBare(specifier)) throw err;
    for (const dir of dirs) {
      // A parent inside `dir` makes Node search `dir` itself as a node_modules folder.
      const parentURL = pathToFileURL(path.join(dir, "__stratus_node_path__.mjs")).href;
      try {
        return await nextResolve(specifier, { ...context, parentURL });
      } catch {
        // not in this directory
      }
    }
    throw err;
  }
}
