// $input, $util, $context, $stageVariables, overrides, errors and limits.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  MAPPING_TEMPLATE_LIMITS,
  MappingTemplateError,
  base64Decode,
  base64Encode,
  compileTemplate,
  escapeJavaScript,
  renderMappingTemplate,
  renderResponseTemplate,
  renderTemplate,
  urlDecode,
  urlEncode,
  type MappingTemplateInput,
} from "./index.js";

const render = (template: string, input: Partial<MappingTemplateInput> = {}) => renderTemplate(template, { body: "", ...input });

test("$input.body is the raw payload; an empty payload reads as {} everywhere", () => {
  assert.equal(render("$input.body", { body: ' {"a" : 1} ' }), ' {"a" : 1} ');
  assert.equal(render("$input.body|$input.json('$')|$input.path('$')|$input.path('$').size()"), "{}|{}|{}|0");
  assert.equal(render("$input.getBody()", { body: "x" }), "x");
});

test("$input.json: JSON text of the match; null when a definite path points nowhere; [] for no matches", () => {
  const body = '{"s": "a\\"b\\n", "n": 1.5, "t": true, "z": null, "l": [1, 2]}';
  assert.equal(render("$input.json('$.s')|$input.json('$.n')|$input.json('$.t')|$input.json('$.z')|$input.json('$.l')", { body }), '"a\\"b\\n"|1.5|true|null|[1,2]');
  assert.equal(render("$input.json('$.missing')|$input.json('$.l[5]')|$input.json('$..nowhere')", { body }), "null|null|[]");
});

test("$input.path: a missing path is null (prints nothing; #if is false)", () => {
  assert.equal(render("[$input.path('$.missing')]#if(!$input.path('$.missing'))none#end", { body: "{}" }), "[]none");
});

test("a non-JSON payload is one String at $ (json-smart's permissive reading), nothing below it", () => {
  const body = "a=1&b=two";
  assert.equal(render("$input.path('$')|$input.path('$').length()|[$input.path('$.a')]|$input.json('$')", { body }), 'a=1&b=two|9|[]|"a=1&b=two"');
  assert.equal(render("$input.path('$')", { body: "<xml/>" }), "<xml/>");
});

test("a trailing comma in the JSON body is accepted, as in AWS's own PetStore request example", () => {
  const body = `{
    "id": 1,
    "type": "dog",
    "Age": 11,
  }`;
  const template = `#set($inputRoot = $input.path('$'))
  {
    "dogId" : "dog_$inputRoot.id",
    "Age": $inputRoot.Age
  }`;
  assert.deepEqual(JSON.parse(render(template, { body })), { dogId: "dog_1", Age: 11 });
});

test("$input.params(x) searches path, then query string, then headers; missing is \"\"; names match exactly", () => {
  const params = { path: { id: "from-path" }, querystring: { id: "from-query", q: "1" }, header: { id: "from-header", "X-Trace": "t" } };
  assert.equal(render("$input.params('id')|$input.params('q')|$input.params('X-Trace')|[$input.params('x-trace')]|[$input.params('nope')]", { params }), "from-path|1|t|[]|[]");
  assert.equal(render("$input.params()", { params }), "{path={id=from-path}, header={id=from-header, X-Trace=t}, querystring={id=from-query, q=1}}");
  assert.equal(render("$input.params().header.get('X-Trace')|$input.params().querystring.q|$input.params().path.size()", { params }), "t|1|1");
  assert.equal(render("$input.params()"), "{path={}, header={}, querystring={}}");
});

test("$util.escapeJavaScript: Commons Lang escapeJavaScript", () => {
  const cases: Array<[string, string]> = [
    ["it's", "it\\'s"],
    ['say "hi"', 'say \\"hi\\"'],
    ["back\\slash", "back\\\\slash"],
    ["a/b", "a\\/b"],
    ["line\nnext\ttab\r\b\f", "line\\nnext\\ttab\\r\\b\\f"],
    ["\u0001\u001f", "\\u0001\\u001F"],
    ["é€", "\\u00E9\\u20AC"],
    ["😀", "\\uD83D\\uDE00"],
    ["plain <&> ~", "plain <&> ~"],
  ];
  for (const [input, expected] of cases) assert.equal(escapeJavaScript(input), expected, input);
  assert.equal(render(`#set($s = "it's")$util.escapeJavaScript($s)|[$util.escapeJavaScript($nothing)]|$util.escapeJavaScript(12)`), "it\\'s|[]|12");
});

test("$util.urlEncode / urlDecode: java.net.URLEncoder and URLDecoder in UTF-8", () => {
  assert.equal(urlEncode("a b&c=d/e?f~g*h.i-j_k!'()é"), "a+b%26c%3Dd%2Fe%3Ff%7Eg*h.i-j_k%21%27%28%29%C3%A9");
  assert.equal(urlDecode("a+b%26c%3d%C3%A9%20"), "a b&c=é ");
  assert.equal(render("$util.urlEncode('x=a+b')|$util.urlDecode('x=a+b')"), "x%3Da%2Bb|x=a b");
  assert.throws(() => render("$util.urlDecode('100%')"), (err: unknown) => err instanceof MappingTemplateError && /Incomplete trailing escape/.test(err.message));
  assert.throws(() => render("$util.urlDecode('%zz')"), /Illegal hex characters/);
});

test("$util.base64Encode / base64Decode: the UTF-8 bytes, standard alphabet with padding", () => {
  assert.equal(base64Encode("héllo?"), "aMOpbGxvPw==");
  assert.equal(base64Decode("aMOpbGxvPw=="), "héllo?");
  assert.equal(render("$util.base64Encode($input.body)|$util.base64Decode($util.base64Encode('round trip'))", { body: '{"a":1}' }), "eyJhIjoxfQ==|round trip");
});

test("$util.parseJson gives the same Java objects as $input.path; bad JSON fails the template", () => {
  assert.equal(render(`#set($o = $util.parseJson('{"a": [1, 2.50], "b": {"c": "d"}}'))$o|$o.a|$o.a[1]|$o.b.c|$o.a.size()`), '{a=[1,2.5], b={c=d}}|[1,2.5]|2.5|d|2');
  assert.equal(render(`$util.parseJson('"text"')|$util.parseJson('7')`), "text|7");
  assert.throws(() => render("$util.parseJson('{nope}')"), (err: unknown) => err instanceof MappingTemplateError && err.kind === "runtime");
});

test("$util has only the six documented functions", () => {
  assert.equal(render("[$util.toJson('x')][$util.qr(1)][$util.escapeJavaScript('a', 'b')]"), "[][][]");
});

test("$context: nested values from the caller; integers print as Long, others as given", () => {
  const context = { requestTimeEpoch: 1_700_000_000_123, stage: "dev", authorizer: { principalId: "user-1", claims: { sub: "abc" } }, flag: true, ratio: 0.5 };
  assert.equal(
    render("$context.requestTimeEpoch|$context.stage|$context.authorizer.principalId|$context.authorizer.claims.sub|$context.flag|$context.ratio|[$context.unknown]", { context }),
    "1700000000123|dev|user-1|abc|true|0.5|[]",
  );
  assert.equal(render("#foreach($k in $context.authorizer.keySet())$k,#end", { context }), "principalId,claims,");
});

test("$stageVariables: the three documented syntaxes", () => {
  const stageVariables = { url: "example.com", "my-var": "dashed" };
  assert.equal(render("$stageVariables.url|$stageVariables['url']|${stageVariables['url']}|$stageVariables['my-var']", { stageVariables }), "example.com|example.com|example.com|dashed");
});

test("overrides: request header/path/querystring and response header/status are reported", () => {
  const template = `#set($context.requestOverride.header.h1 = "v1")
#set($context.requestOverride.header.multi = ["a", "b"])
#set($context.requestOverride.path.id = 42)
#set($context.requestOverride.querystring.q = "x y")
#set($context.responseOverride.header.Location = "/new")
#set($context.responseOverride.status = "201")body`;
  const result = renderMappingTemplate(template, { body: "" });
  assert.equal(result.output, "body");
  assert.deepEqual(result.overrides, {
    request: { header: { h1: "v1", multi: ["a", "b"] }, path: { id: "42" }, querystring: { q: "x y" } },
    response: { header: { Location: "/new" }, status: 201 },
  });
  assert.deepEqual(renderMappingTemplate("x", { body: "" }).overrides, { request: { header: {}, path: {}, querystring: {} }, response: { header: {} } });
});

test("overrides are final: setting the same one twice fails (AWS answers 5XX)", () => {
  assert.throws(
    () => renderMappingTemplate("#set($context.responseOverride.status = 400)\n#set($context.responseOverride.status = 500)", { body: "" }),
    (err: unknown) => err instanceof MappingTemplateError && err.kind === "runtime" && err.position?.line === 2 && /already set/.test(err.message),
  );
  assert.throws(() => renderMappingTemplate("#set($context.requestOverride.header.a = 1)#set($context.requestOverride.header.a = 2)", { body: "" }), /already set/);
});

test("a response template reads the integration response as $input", () => {
  const result = renderResponseTemplate(`{"greeting": $input.json('$.message'), "id": "$input.params('id')"}`, {
    body: '{"message": "hello"}',
    params: { path: { id: "7" } },
  });
  assert.equal(result.output, '{"greeting": "hello", "id": "7"}');
});

test("MappingTemplateError carries what the client sees (500, Internal server error) and a log message", () => {
  try {
    render("#if(");
    assert.fail("expected an error");
  } catch (err) {
    assert.ok(err instanceof MappingTemplateError);
    assert.equal(MappingTemplateError.statusCode, 500);
    assert.equal(MappingTemplateError.clientMessage, "Internal server error");
    assert.equal(err.name, "MappingTemplateError");
    assert.match(err.message, /^Mapping template cannot be parsed at line 1, column 5: /);
  }
});

test("limits: #foreach stops after 1000 iterations (AWS's quota)", () => {
  assert.equal(MAPPING_TEMPLATE_LIMITS.MAX_FOREACH_ITERATIONS, 1000);
  assert.equal(render("#set($n = 0)#foreach($i in [1..1500])#set($n = $n + 1)#end$n|$velocityCount"), "1000|");
  const body = JSON.stringify(Array.from({ length: 1200 }, (_, i) => i));
  assert.equal(render("#foreach($x in $input.path('$'))#set($last = $x)#end$last", { body }), "999");
});

test("limits: template size constant; output, range and nesting guards fail as 'limit' errors", () => {
  assert.equal(MAPPING_TEMPLATE_LIMITS.MAX_TEMPLATE_BYTES, 307_200);
  const isLimit = (err: unknown) => err instanceof MappingTemplateError && err.kind === "limit";
  assert.throws(() => render("#set($big = [1..2000000])"), isLimit);
  assert.throws(() => render("#set($s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')#foreach($a in [1..1000])#foreach($b in [1..1000])$s#end#end"), isLimit);
  assert.throws(() => render("#define($d)$d#end$d"), isLimit);
  assert.throws(() => render("#set($x = " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + ")"), isLimit);
});

test("a compiled template renders many times without sharing state", () => {
  const compiled = compileTemplate("#if($seen)again#end#set($seen = true)#evaluate('#macro(m)M#end')#m() $input.path('$.n')");
  assert.equal(renderTemplate(compiled, { body: '{"n": 1}' }), "M 1");
  assert.equal(renderTemplate(compiled, { body: '{"n": 2}' }), "M 2");
});

test("idioms: #set(... = ...) without spaces on $input.path, and JSONPaths built by interpolation", () => {
  const template = "#set($input.path('$').connection=$context.connectionId)$input.json('$')";
  assert.equal(render(template, { body: '{"a": 1}', context: { connectionId: "c-1" } }), '{"a":1,"connection":"c-1"}');
  const keys = `#foreach($key in $input.path('$').keySet())$key=$input.json("$.$key"),$input.json("$['$key']");#end`;
  assert.equal(render(keys, { body: '{"a": 1, "b": "x"}' }), 'a=1,1;b="x","x";');
});
