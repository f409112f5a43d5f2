// AWS's documented mapping-template examples, with their documented inputs. Where AWS prints the
// template's exact output, the output is compared byte for byte; where it shows the result
// reformatted (or as the backend echoed it), the output is compared as JSON.
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderMappingTemplate, renderTemplate, type MappingTemplateInput } from "./index.js";

const render = (template: string, input: Partial<MappingTemplateInput> = {}) => renderTemplate(template, { body: "", ...input });

const PETS = `[
  {
    "id": 1,
    "type": "dog",
    "price": 249.99
  },
  {
    "id": 2,
    "type": "cat",
    "price": 124.99
  },
  {
    "id": 3,
    "type": "fish",
    "price": 0.99
  }
]`;

test("PetStore GET integration response template (data-transformation tutorial): exact output", () => {
  const template = `#set($inputRoot = $input.path('$'))
[
#foreach($elem in $inputRoot)
  {
    "description" : "Item $elem.id is a $elem.type.",
    "askingPrice" : $elem.price
  }#if($foreach.hasNext),#end

#end
]`;
  const expected = `[
  {
    "description" : "Item 1 is a dog.",
    "askingPrice" : 249.99
  },
  {
    "description" : "Item 2 is a cat.",
    "askingPrice" : 124.99
  },
  {
    "description" : "Item 3 is a fish.",
    "askingPrice" : 0.99
  }
]`;
  assert.equal(render(template, { body: PETS }), expected);
});

const PHOTOS = {
  photos: {
    page: 1,
    pages: "1234",
    perpage: 100,
    total: "123398",
    photo: [
      { id: "12345678901", owner: "23456789@A12", secret: "abc123d456", server: "1234", farm: 1, title: "Sample photo 1", ispublic: 1, isfriend: 0, isfamily: 0 },
      { id: "23456789012", owner: "34567890@B23", secret: "bcd234e567", server: "2345", farm: 2, title: "Sample photo 2", ispublic: 1, isfriend: 0, isfamily: 0 },
    ],
  },
};

test("Photos example, output mapping template: Velocity 1.7's exact text and the documented transformed data", () => {
  const template = `#set($inputRoot = $input.path('$'))
{
  "photos": [
#foreach($elem in $inputRoot.photos.photo)
    {
      "id": "$elem.id",
      "owner": "$elem.owner",
      "title": "$elem.title",
      "ispublic": $elem.ispublic,
      "isfriend": $elem.isfriend,
      "isfamily": $elem.isfamily
    }#if($foreach.hasNext),#end
\t\t
#end
  ]
}`;
  const item = (p: (typeof PHOTOS)["photos"]["photo"][number]) =>
    `    {\n      "id": "${p.id}",\n      "owner": "${p.owner}",\n      "title": "${p.title}",\n      "ispublic": ${p.ispublic},\n      "isfriend": ${p.isfriend},\n      "isfamily": ${p.isfamily}\n    }`;
  const output = render(template, { body: JSON.stringify(PHOTOS, null, 2) });
  // The tab-only line stays (it is text); the newlines after `#end` are swallowed.
  assert.equal(output, `{\n  "photos": [\n${item(PHOTOS.photos.photo[0])},\t\t\n${item(PHOTOS.photos.photo[1])}\t\t\n  ]\n}`);
  assert.deepEqual(JSON.parse(output), {
    photos: PHOTOS.photos.photo.map(({ id, owner, title, ispublic, isfriend, isfamily }) => ({ id, owner, title, ispublic, isfriend, isfamily })),
  });
});

test("Photos example, input mapping template reproduces the original data", () => {
  const template = `#set($inputRoot = $input.path('$'))
{
  "photos": {
    "page": $inputRoot.photos.page,
    "pages": "$inputRoot.photos.pages",
    "perpage": $inputRoot.photos.perpage,
    "total": "$inputRoot.photos.total",
    "photo": [
#foreach($elem in $inputRoot.photos.photo)
      {
        "id": "$elem.id",
        "owner": "$elem.owner",
        "secret": "$elem.secret",
        "server": "$elem.server",
        "farm": $elem.farm,
        "title": "$elem.title",
        "ispublic": $elem.ispublic,
        "isfriend": $elem.isfriend,
        "isfamily": $elem.isfamily
      }#if($foreach.hasNext),#end
\t\t\t
#end
    ]
  }
}`;
  assert.deepEqual(JSON.parse(render(template, { body: JSON.stringify(PHOTOS) })), PHOTOS);
});

test("parameter mapping template: $input.params() passes path, header and querystring, in that order", () => {
  const template = `#set($allParams = $input.params())
{
  "params" : {
    #foreach($type in $allParams.keySet())
    #set($params = $allParams.get($type))
    "$type" : {
      #foreach($paramName in $params.keySet())
      "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
      #if($foreach.hasNext),#end
      #end
    }
    #if($foreach.hasNext),#end
    #end
  }
}`;
  const params = { path: { petId: "42" }, querystring: { sort: "asc", limit: "10" }, header: { Accept: "application/json" } };
  const output = render(template, { params });
  const parsed = JSON.parse(output);
  assert.deepEqual(parsed, { params: { path: { petId: "42" }, header: { Accept: "application/json" }, querystring: { sort: "asc", limit: "10" } } });
  assert.deepEqual(Object.keys(parsed.params), ["path", "header", "querystring"]);
  // Velocity 1.7 keeps the indentation that precedes each directive; AWS's output has this shape.
  assert.equal(
    output,
    `{\n  "params" : {\n        "path" : {\n            "petId" : "42"\n                }\n    ,        "header" : {\n            "Accept" : "application\\/json"\n                }\n    ,        "querystring" : {\n            "sort" : "asc"\n      ,            "limit" : "10"\n                }\n          }\n}`,
  );
});

test('JSON mapping template using $input: "name" from the query string, the whole body in an element', () => {
  const template = `{
    "name" : "$input.params('name')",
    "body" : $input.json('$') 
}`;
  const body = '{ "mykey": { "a": [1, 2] }, "other": "x" }';
  assert.equal(render(template, { body, params: { querystring: { name: "Mary" } } }), `{\n    "name" : "Mary",\n    "body" : {"mykey":{"a":[1,2]},"other":"x"} \n}`);
});

test("$input.json('$.mykey'), plain and through $util.escapeJavaScript", () => {
  const body = '{"mykey": {"quote": "say \\"hi\\""}}';
  const plain = `{\n    "name" : "$input.params('name')",\n    "body" : $input.json('$.mykey')  \n}`;
  assert.equal(render(plain, { body, params: { querystring: { name: "n" } } }), `{\n    "name" : "n",\n    "body" : {"quote":"say \\"hi\\""}  \n}`);
  const escaped = `{\n    "name" : "$input.params('name')",\n    "body" : $util.escapeJavaScript($input.json('$.mykey')) \n}`;
  assert.equal(render(escaped, { body, params: { querystring: { name: "n" } } }), `{\n    "name" : "n",\n    "body" : {\\"quote\\":\\"say \\\\\\"hi\\\\\\"\\"} \n}`);
});

test("request and response using $input: POST /things/abc counts the things and passes them on", () => {
  const template = `{
    "id" : "$input.params('id')",
    "count" : "$input.path('$.things').size()",
    "things" : $util.escapeJavaScript($input.json('$.things'))
}`;
  const body = `{
    "things" : {
        "1" : {},
        "2" : {},
        "3" : {}
    }
}`;
  // AWS's page shows what its echo backend answered; the template itself renders this:
  assert.equal(render(template, { body, params: { path: { id: "abc" } } }), `{\n    "id" : "abc",\n    "count" : "3",\n    "things" : {\\"1\\":{},\\"2\\":{},\\"3\\":{}}\n}`);
});

test("$input.path('$.pets') is a list: .size() is 3 (the older page's .count() is no method and prints nothing)", () => {
  const body = `{"pets": ${PETS}}`;
  assert.equal(render("$input.path('$.pets').size()", { body }), "3");
  assert.equal(render("[$input.path('$.pets').count()]", { body }), "[]");
});

test("$util.parseJson example: an error message holding JSON", () => {
  const template = `#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))
{
   "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0]
}
`;
  const body = '{"errorMessage":"{\\"key1\\":\\"var1\\",\\"key2\\":{\\"arr\\":[1,2,3]}}"}';
  assert.equal(render(template, { body }), `{\n   "errorMessageObjKey2ArrVal" : 1\n}\n`);
});

test("$util.escapeJavaScript turns ' into \\' and the documented replaceAll turns it back", () => {
  assert.equal(render(`#set($data = "it's")$util.escapeJavaScript($data)`), "it\\'s");
  assert.equal(render(`#set($data = "it's")$util.escapeJavaScript($data).replaceAll("\\\\'","'")`), "it's");
});

test("$context variables example: the context passes through under new names", () => {
  const template = `{
    "stage" : "$context.stage",
    "request_id" : "$context.requestId",
    "api_id" : "$context.apiId",
    "resource_path" : "$context.resourcePath",
    "resource_id" : "$context.resourceId",
    "http_method" : "$context.httpMethod",
    "source_ip" : "$context.identity.sourceIp",
    "user-agent" : "$context.identity.userAgent",
    "account_id" : "$context.identity.accountId",
    "api_key" : "$context.identity.apiKey",
    "caller" : "$context.identity.caller",
    "user" : "$context.identity.user",
    "user_arn" : "$context.identity.userArn"
}`;
  const context = {
    stage: "prod",
    requestId: "abcdefg-000-000-0000-abcdefg",
    apiId: "abcd1234",
    resourcePath: "/",
    resourceId: "efg567",
    httpMethod: "GET",
    identity: {
      sourceIp: "192.0.2.1",
      userAgent: "curl/7.84.0",
      accountId: "111122223333",
      apiKey: "MyTestKey",
      caller: "ABCD-0000-12345",
      user: "ABCD-0000-12345",
      userArn: "arn:aws:sts::111122223333:assumed-role/Admin/carlos-salazar",
    },
  };
  assert.deepEqual(JSON.parse(render(template, { context })), {
    stage: "prod",
    request_id: "abcdefg-000-000-0000-abcdefg",
    api_id: "abcd1234",
    resource_path: "/",
    resource_id: "efg567",
    http_method: "GET",
    source_ip: "192.0.2.1",
    "user-agent": "curl/7.84.0",
    account_id: "111122223333",
    api_key: "MyTestKey",
    caller: "ABCD-0000-12345",
    user: "ABCD-0000-12345",
    user_arn: "arn:aws:sts::111122223333:assumed-role/Admin/carlos-salazar",
  });
  // Without an API key (null on AWS), the value renders as an empty string.
  assert.match(render(template, { context: { ...context, identity: { ...context.identity, apiKey: null } } }), /"api_key" : "",/);
});

test("override tutorial: a response template sets the status to 400 when the body contains an error", () => {
  const template = `#set($inputRoot = $input.path('$'))
$input.json("$")
#if($inputRoot.toString().contains("error"))
#set($context.responseOverride.status = 400)
#end`;
  const body = `{\n  "errors": [\n    {\n      "key": "GetPetRequest.petId",\n      "message": "The value is out of range."\n    }\n  ]\n}`;
  const result = renderMappingTemplate(template, { body });
  assert.equal(result.output, '{"errors":[{"key":"GetPetRequest.petId","message":"The value is out of range."}]}\n');
  assert.equal(result.overrides.response.status, 400);
  assert.equal(renderMappingTemplate(template, { body: '{"id": 1}' }).overrides.response.status, undefined);
});

test("override tutorial: a request template combines two headers into header3 and overrides header1", () => {
  const template = `#set($header1Override = "foo")
#set($header3Value = "$input.params('header1')$input.params('header2')")
$input.json("$")
#set($context.requestOverride.header.header3 = $header3Value)
#set($context.requestOverride.header.header1 = $header1Override)`;
  const result = renderMappingTemplate(template, { body: "", params: { header: { header1: "header1Val", header2: "header2Val" } } });
  assert.deepEqual(result.overrides.request.header, { header3: "header1Valheader2Val", header1: "foo" });
  assert.equal(result.output, "{}\n");
});

test("a request template mutating $input.path('$') shows in $input.json('$') (documented idiom)", () => {
  const template = `#set($body = $input.path('$'))
#set($body.url = "https://example.tld/thingy/$body.id")
$input.json('$')`;
  assert.equal(render(template, { body: '{"id": "t1"}' }), '{"id":"t1","url":"https://example.tld/thingy/t1"}');
});

test("a form-encoded body: $input.path('$') is the raw string, split into JSON (common AWS idiom)", () => {
  const template = `{
#foreach( $token in $input.path('$').split('&') )
    #set( $keyVal = $token.split('=') )
    #set( $keyValSize = $keyVal.size() )
    #if( $keyValSize >= 1 )
        #set( $key = $util.urlDecode($keyVal[0]) )
        #if( $keyValSize >= 2 )
            #set( $val = $util.urlDecode($keyVal[1]) )
        #else
            #set( $val = '' )
        #end
        "$key": "$util.escapeJavaScript($val)"#if($foreach.hasNext),#end
    #end
#end
}`;
  const output = render(template, { body: "name=Jane+Doe&city=S%C3%A3o+Paulo&empty=" });
  assert.deepEqual(JSON.parse(output.replace(/\\u00E3/g, "ã")), { name: "Jane Doe", city: "São Paulo", empty: "" });
});

test("the Serverless Framework's default lambda-integration request template renders valid JSON", () => {
  const template = `#define( $loop )
  {
  #foreach($key in $map.keySet())
      #set( $k = $util.escapeJavaScript($key) )
      #set( $v = $util.escapeJavaScript($map.get($key)).replaceAll("\\\\'", "'") )
      "$k":
        "$v"
        #if( $foreach.hasNext ) , #end
  #end
  }
#end

  {
    "body": $input.json("$"),
    "method": "$context.httpMethod",
    "principalId": "$context.authorizer.principalId",
    "stage": "$context.stage",

    "cognitoPoolClaims" : {

       "sub": "$context.authorizer.claims.sub"
    },

    #set( $map = $context.authorizer )
    "enhancedAuthContext": $loop,

    #set( $map = $input.params().header )
    "headers": $loop,

    #set( $map = $input.params().querystring )
    "query": $loop,

    #set( $map = $input.params().path )
    "path": $loop,

    #set( $map = $context.identity )
    "identity": $loop,

    #set( $map = $stageVariables )
    "stageVariables": $loop,

    "requestPath": "$context.resourcePath"
  }`;
  const output = render(template, {
    body: `{"name": "O'Brien", "tags": ["a", "b"]}`,
    params: { path: { id: "1" }, querystring: { q: "it's" }, header: { "Content-Type": "application/json" } },
    context: { httpMethod: "POST", stage: "dev", resourcePath: "/users/{id}", identity: { sourceIp: "127.0.0.1" }, authorizer: { principalId: "u1" } },
    stageVariables: { env: "dev" },
  });
  assert.deepEqual(JSON.parse(output), {
    body: { name: "O'Brien", tags: ["a", "b"] },
    method: "POST",
    principalId: "u1",
    stage: "dev",
    cognitoPoolClaims: { sub: "" },
    enhancedAuthContext: { principalId: "u1" },
    headers: { "Content-Type": "application/json" },
    query: { q: "it's" },
    path: { id: "1" },
    identity: { sourceIp: "127.0.0.1" },
    stageVariables: { env: "dev" },
    requestPath: "/users/{id}",
  });
  assert.match(output, /"headers": {3}\{\n {8}"Content-Type":\n {8}"application\\\/json"\n {12}\}\n,/);
});
