/**
 * What REST API Gateway does with particular headers on their way to an integration and back,
 * per integration kind (http, http_proxy, lambda): AWS's table of headers that are dropped,
 * remapped (renamed `x-amzn-Remapped-<name>`) or overwritten. Headers the table does not name
 * pass, except hop-by-hop ones, which never cross a proxy.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html#api-gateway-known-issues-rest-apis
 */

export type Flavor = "http" | "http_proxy" | "lambda";

/** P: passes, D: dropped, R: remapped, W: remapped and API Gateway sends its own, O: overwritten (Host). */
type Action = "P" | "D" | "R" | "W" | "O";

/** Per header: the request actions and the response actions, each in http, http_proxy, lambda order. */
const TABLE: Record<string, [string, string]> = {
  age: ["PPP", "PPP"],
  accept: ["PPP", "DPP"],
  "accept-charset": ["PPP", "PPP"],
  "accept-encoding": ["PPP", "PPP"],
  authorization: ["PPP", "RRR"],
  connection: ["PPD", "RRR"],
  "content-encoding": ["PDP", "PPP"],
  "content-length": ["PPP", "PPP"],
  "content-md5": ["DDD", "RRR"],
  "content-type": ["PPP", "PPP"],
  date: ["PPP", "WWW"],
  expect: ["DDD", "DDD"],
  host: ["OOO", "DDD"],
  "max-forwards": ["DDD", "RRR"],
  pragma: ["PPP", "PPP"],
  "proxy-authenticate": ["DDD", "DDD"],
  range: ["PPP", "PPP"],
  referer: ["PPP", "PPP"],
  server: ["DDD", "WWW"],
  te: ["DDD", "DDD"],
  // The table's "exception" for a Lambda request: the event carries it.
  "transfer-encoding": ["DDP", "DDD"],
  trailer: ["DDD", "DDD"],
  upgrade: ["DDD", "DDD"],
  "user-agent": ["PPP", "RRR"],
  via: ["DDP", "PDD"],
  warn: ["PPP", "PPP"],
  "www-authenticate": ["DDD", "RRR"],
};

/** Hop-by-hop headers the table does not name (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(["keep-alive", "proxy-authorization", "proxy-connection"]);

const COLUMN: Record<Flavor, number> = { http: 0, http_proxy: 1, lambda: 2 };

function action(name: string, side: 0 | 1, flavor: Flavor): Action {
  const row = TABLE[name];
  if (row) return row[side][COLUMN[flavor]] as Action;
  return HOP_BY_HOP.has(name) ? "D" : "P";
}

/**
 * The client's headers as the integration receives them. Host is the endpoint's own (the HTTP
 * client sets it) except in a Lambda event; Authorization is dropped when it carries a SigV4
 * signature or the method uses AWS_IAM (it authorized the call, it is not the backend's).
 * Content-Length is the HTTP client's to set.
 */
export function requestHeaders(flavor: Flavor, headers: Array<[string, string]>, awsIam: boolean): Array<[string, string]> {
  return headers.filter(([name, value]) => {
    const key = name.toLowerCase();
    if (key === "authorization" && (awsIam || /^AWS4-HMAC-SHA256 /i.test(value))) return false;
    if (key === "content-length") return flavor === "lambda";
    const a = action(key, 0, flavor);
    return a === "P" || (a === "O" && flavor === "lambda");
  });
}

/**
 * An integration's answer headers as the client receives them: dropped ones removed, remapped
 * ones renamed `x-amzn-Remapped-<name>` (for Date and Server, API Gateway's own values then go
 * out under the plain name: Node writes Date itself). Content-Length is written anew.
 */
export function responseHeaders(flavor: Flavor, headers: Array<[string, string]>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    if (key === "content-length") continue;
    const a = action(key, 1, flavor);
    if (a === "P") out.push([key, value]);
    else if (a === "R" || a === "W") out.push([`x-amzn-Remapped-${name}`, value]);
  }
  return out;
}

/** Header pairs as an answer's headers: a name given more than once keeps all its values. */
export function headerRecord(pairs: Array<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
