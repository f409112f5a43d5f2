/**
 * serverless-offline (serverless@3 + serverless-offline@13, the pair that runs without a login),
 * serving handler.cjs behind a REST Lambda proxy route, GET /hello. Installed on demand into a
 * cache folder from peer/package.json (never by `npm test`), then started in its own process.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnServer, type SpawnedServer } from "../lib/spawn-server.js";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Installs the peer once (about 20 s) into ~/.cache/stratus-bench/apigw-peer-<versions>. */
function installPeer(log: (line: string) => void): string {
  const manifest = readFileSync(join(HERE, "peer", "package.json"), "utf8");
  const deps = (JSON.parse(manifest) as { dependencies: Record<string, string> }).dependencies;
  const dir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "stratus-bench", `apigw-peer-${Object.values(deps).join("-")}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(HERE, "peer", "package.json"), join(dir, "package.json"));
  copyFileSync(join(HERE, "peer", "serverless.yml"), join(dir, "serverless.yml"));
  copyFileSync(join(HERE, "handler.cjs"), join(dir, "handler.js"));
  if (!existsSync(join(dir, "node_modules", "serverless-offline"))) {
    log(`installing serverless ${deps.serverless} + serverless-offline ${deps["serverless-offline"]} into ${dir}…`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
  }
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts serverless-offline; `inProcess` runs handlers in its own process instead of worker threads. */
export async function startPeer(inProcess: boolean, log: (line: string) => void): Promise<SpawnedServer> {
  const dir = installPeer(log);
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  const args = [join(dir, "node_modules", "serverless", "bin", "serverless.js"), "offline", "start", "--host", "127.0.0.1", "--httpPort", String(httpPort), "--lambdaPort", String(lambdaPort), "--noPrependStageInUrl", ...(inProcess ? ["--useInProcess"] : [])];
  // It prints its ready line on stderr; exec keeps the pid the server's own.
  const server = await spawnServer({
    command: "/bin/sh",
    args: ["-c", 'exec "$0" "$@" 2>&1', process.execPath, ...args],
    cwd: dir,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: "1", SLS_NOTIFICATIONS_MODE: "off", SLS_DEPRECATION_DISABLE: "*" },
    ready: /Server ready: (http:\/\/\S+)/,
    timeoutMs: 60_000,
  });
  return server;
}
