/* global exports */
// The trivial handler both Stratus and serverless-offline serve behind a Lambda proxy integration.
exports.handler = async (event) => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ message: "ok", path: event.path }) });
