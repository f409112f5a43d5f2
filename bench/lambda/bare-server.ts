/**
 * The ceiling for the Lambda benchmark: a bare node:http server, in its own process, that
 * answers Lambda's Invoke the way the SDK expects and does nothing else. The same LambdaClient
 * driving it shows what the client, HTTP and loopback cost by themselves; Stratus's overhead
 * per invocation is what it adds on top.
 *
 * POST /2015-03-31/functions/<name>/invocations → 200, the request body echoed as the payload
 * (what `exports.handler = async (e) => e` returns), `X-Amz-Executed-Version: $LATEST`.
 * Anything else → 404 with a Lambda-shaped error.
 *
 * Prints `Bare ready on http://127.0.0.1:<port>` and exits on SIGTERM/SIGINT.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const INVOKE = /^\/2015-03-31\/functions\/[^/]+\/invocations$/;

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || !INVOKE.test(path)) {
      const body = JSON.stringify({ Type: "User", message: `no route for ${req.method} ${path}` });
      res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-amzn-errortype": "ResourceNotFoundException" });
      res.end(body);
      return;
    }
    // An empty payload is `{}` to the handler, as in Lambda.
    const body = chunks.length > 0 ? Buffer.concat(chunks) : Buffer.from("{}");
    res.writeHead(200, {
      "content-type": "application/json",
      "content-length": body.length,
      "x-amzn-requestid": randomUUID(),
      "x-amz-executed-version": "$LATEST",
    });
    res.end(body);
  });
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`Bare ready on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
