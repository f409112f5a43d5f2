/* global console */
// Loading a handler (`dir/file.export.nested`) as AWS's Node.js runtime does: CommonJS through
// require, ES modules through import, `.js` decided by the nearest package.json "type", then
// `.mjs`, then `.cjs`. Part of node-bootstrap.mjs.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html

import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { HandlerNotFound, ImportModuleError, MalformedHandlerName, UserCodeSyntaxError } from "./node-errors.mjs";

const require = createRequire(import.meta.url);

const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;

function hasTypeModule(folder) {
  // The nearest package.json decides whether .js is ESM; node_modules and / stop the search.
  if (folder.endsWith(`${path.sep}node_modules`)) return false;
  const pj = path.join(folder, "package.json");
  if (fs.existsSync(pj)) {
    try {
      return JSON.parse(fs.readFileSync(pj, "utf8"))?.type === "module";
    } catch (e) {
      console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
      return false;
    }
  }
  const parent = path.dirname(folder);
  return parent === folder ? false : hasTypeModule(parent);
}

const tryRequire = (file) => (fs.existsSync(file) ? require(file) : undefined);
const tryImport = async (file) => (fs.existsSync(file) ? await import(pathToFileURL(file).href) : undefined);

async function loadModule(appRoot, moduleRoot, moduleName) {
  const base = path.resolve(appRoot, moduleRoot, moduleName);
  const extensionless = tryRequire(base);
  if (extensionless) return extensionless;
  const isModule = hasTypeModule(path.dirname(base));
  if (!isModule) {
    const cjs = tryRequire(base + ".js");
    if (cjs) return cjs;
  }
  const loaded = (isModule && (await tryImport(base + ".js"))) || (await tryImport(base + ".mjs")) || tryRequire(base + ".cjs");
  if (loaded) return loaded;
  // Last resort, as AWS: Node's own resolution from the task root (throws MODULE_NOT_FOUND).
  return require(require.resolve(moduleName, { paths: [appRoot, path.resolve(appRoot, moduleRoot)] }));
}

export async function loadHandler(appRoot, fullHandler) {
  if (typeof fullHandler !== "string" || fullHandler.length === 0) throw new MalformedHandlerName("Bad handler");
  if (fullHandler.includes("..")) {
    throw new MalformedHandlerName(`'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const handlerString = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(handlerString));
  const match = handlerString.match(FUNCTION_EXPR);
  if (!match) throw new MalformedHandlerName("Bad handler");
  const [, moduleName, handlerPath] = match;
  let app;
  try {
    app = await loadModule(appRoot, moduleRoot, moduleName);
  } catch (e) {
    if (e instanceof SyntaxError) throw new UserCodeSyntaxError(e);
    if (e && e.code === "MODULE_NOT_FOUND") throw new ImportModuleError(e);
    throw e;
  }
  const fn = handlerPath.split(".").reduce((obj, key) => obj && obj[key], app);
  if (!fn) throw new HandlerNotFound(`${fullHandler} is undefined or not exported`);
  if (typeof fn !== "function") throw new HandlerNotFound(`${fullHandler} is not a function`);
  return fn;
}
