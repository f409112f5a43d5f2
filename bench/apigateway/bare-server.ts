/**
 * The ceiling for the API Gateway benchmark: a bare node:http server, in its own process, that
 * reads each request and answers `{"message":"ok"}` — what the MOCK integration answers — and
 * nothing else. Also the backend of the cached HTTP_PROXY row.
 *
 * Prints `Bare ready on http://127.0.0.1:<port>` and exits on SIGTERM/SIGINT.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const BODY = Buffer.from('{"message":"ok"}');

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": BODY.length });
    res.end(BODY);
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`Bare ready on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.close(() => process.exit(0)));
