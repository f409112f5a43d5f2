// Where AWS's Java engine and a JavaScript one disagree, these pin the Java answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MappingTemplateError, renderTemplate, type MappingTemplateInput } from "./index.js";
import { formatJavaDouble } from "./java-values.js";

const render = (template: string, input: Partial<MappingTemplateInput> = {}) => renderTemplate(template, { body: "", ...input });

test("numbers from JSON print as Java does: a Double keeps .0, large/small ones use E notation", () => {
  const body = '{"a": 10.00, "b": 1.0, "c": 1e3, "d": 1.5e-5, "e": 12345678.9, "f": 0.001, "g": -0.0, "h": 7, "i": 12345678901234567890, "j": 249.99}';
  const out = render("$input.path('$.a') $input.path('$.b') $input.path('$.c') $input.path('$.d') $input.path('$.e') $input.path('$.f') $input.path('$.g') $input.path('$.h') $input.path('$.i') $input.path('$.j')", { body });
  assert.equal(out, "10.0 1.0 1000.0 1.5E-5 1.23456789E7 0.001 -0.0 7 12345678901234567890 249.99");
});

test("$input.json re-serializes numbers the Java way (10.00 becomes 10.0); $input.body keeps the text", () => {
  const body = '{ "price" : 10.00, "qty": 3, "big": 1e21 }';
  assert.equal(render("$input.json('$')"), "{}");
  assert.equal(render("$input.json('$')", { body }), '{"price":10.0,"qty":3,"big":1.0E21}');
  assert.equal(render("$input.body", { body }), body);
});

test("Double.toString table", () => {
  const cases: Array<[number, string]> = [
    [0, "0.0"], [1, "1.0"], [-2.5, "-2.5"], [0.1, "0.1"], [100, "100.0"], [1e7, "1.0E7"], [9999999.999, "9999999.999"],
    [0.001, "0.001"], [0.000999, "9.99E-4"], [1e-7, "1.0E-7"], [123456789012, "1.23456789012E11"], [Number.MAX_VALUE, "1.7976931348623157E308"],
    [Number.MIN_VALUE, "4.9E-324"], [NaN, "NaN"], [-Infinity, "-Infinity"], [1 / 3, "0.3333333333333333"],
  ];
  for (const [value, text] of cases) assert.equal(formatJavaDouble(value), text, String(value));
});

test("a JSON object is a LinkedHashMap: printed {k=v, ...} in key order; a JSON array prints as JSON", () => {
  const body = '{"a": 1, "b": [{"c": 5}, "x"], "n": null, "o": {"p": true}}';
  assert.equal(render("$input.path('$')", { body }), '{a=1, b=[{"c":5},"x"], n=null, o={p=true}}');
  assert.equal(render("$input.path('$.b')", { body }), '[{"c":5},"x"]');
  assert.equal(render("$input.path('$.o')", { body }), "{p=true}");
  assert.equal(render("#set($m = $input.path('$'))$m.keySet() $m.values().size() $m.entrySet()", { body }), '[a, b, n, o] 4 [a=1, b=[{"c":5},"x"], n=null, o={p=true}]');
});

test("template lists are ArrayLists ([a, b]); split() gives a String[] whose print is Java's array identity", () => {
  assert.equal(render("#set($l = ['a', 1, 2.0, true])$l"), "[a, 1, 2.0, true]");
  assert.match(render("#set($s = 'a,b')$s.split(',')"), /^\[Ljava\.lang\.String;@[0-9a-f]+$/);
  assert.equal(render("#set($s = 'a,b')#set($parts = $s.split(','))$parts.size() $parts[1] $parts.get(0)"), "2 b a");
});

test("integer arithmetic stays integral and exact; a Double operand makes a Double; /0 and %0 are null", () => {
  assert.equal(render("#set($a = 10 / 3)$a|#set($b = -7 / 2)$b|#set($c = -7 % 3)$c|#set($d = 10 / 4.0)$d|#set($e = 2 * 1.5)$e"), "3|-3|-1|2.5|3.0");
  assert.equal(render("#set($x = 2147483647 + 1)$x|#set($y = 9223372036854775807 + 1)$y"), "2147483648|9223372036854775808");
  assert.equal(render("#set($z = 'kept')#set($z = 1 / 0)$z|#set($m = 5 % 0)[$m]"), "kept|[]");
  assert.equal(render("#set($n = $input.path('$.n') + 1)$n", { body: '{"n": 41}' }), "42");
});

test("+ with a String concatenates Java-style; a null operand is printed as written", () => {
  assert.equal(render("#set($s = 'a' + 1 + 2.0 + true)$s"), "a12.0true");
  assert.equal(render("#set($s = 1 + 2 + 'a')$s"), "3a");
  assert.equal(render("#set($s = 'x' + $missing)$s"), "x$missing");
  assert.equal(render("#set($s = $l + 'x')#set($l = [1])#set($t = $l + 'x')$s|$t"), "$lx|[1]x");
});

test("#if truth: only null and false are false (\"\", 0, [] and 'false' are true)", () => {
  const truth = (value: string) => render(`#set($v = ${value})#if($v)T#{else}F#end`);
  assert.deepEqual(["''", "0", "[]", "{}", "'false'", "0.0", "false", "$undefined"].map(truth), ["T", "T", "T", "T", "T", "T", "F", "F"]);
  assert.equal(render("#if($input.params('missing'))T#end"), "T", "a missing parameter is \"\", which is true");
});

test("== compares numbers by value, same-class objects with equals(), anything else by toString()", () => {
  const eq = (a: string, b: string) => render(`#if(${a} == ${b})T#{else}F#end`);
  assert.equal(eq("1", "1.0"), "T");
  assert.equal(eq("'1'", "1"), "T");
  assert.equal(eq("true", "'true'"), "T");
  assert.equal(eq("[1, 2]", "[1, 2]"), "T");
  assert.equal(eq("[1, 2]", "'[1, 2]'"), "T");
  assert.equal(eq("'a'", "'A'"), "F");
  assert.equal(eq("$nothing", "$alsoNothing"), "T");
  assert.equal(eq("$nothing", "''"), "F");
  assert.equal(render("#if('a' < 'b')T#{else}F#end #if(2 > 1.5)T#end"), "F T", "< compares numbers only");
});

test("String methods are java.lang.String's: .length() works, .length is nothing", () => {
  const s = (expr: string) => render(`#set($s = 'Hello, World')${expr}`);
  assert.equal(s("$s.length()|$s.length|$s.size()"), "12||");
  assert.equal(s("$s.substring(7)|$s.substring(0, 5)|$s.charAt(4)|$s.indexOf('o')|$s.lastIndexOf('o')|$s.indexOf('o', 5)"), "World|Hello|o|4|8|8");
  assert.equal(s("$s.toLowerCase()|$s.toUpperCase()|$s.contains('World')|$s.startsWith('Hell')|$s.endsWith('!')|$s.isEmpty()"), "hello, world|HELLO, WORLD|true|true|false|false");
  assert.equal(s("$s.equalsIgnoreCase('HELLO, world')|$s.equals('Hello, World')|$s.compareTo('Help')|$s.hashCode()"), "true|true|-4|-505841268");
  assert.equal(s("$s.replace('l', 'L')|$s.concat('!')|$s.matches('H.*d')|$s.matches('World')"), "HeLLo, WorLd|Hello, World!|true|false");
});

test("String.trim strips chars <= U+0020 only (not Unicode spaces)", () => {
  assert.equal(render("#set($s = \"\\u00a0x \t\")[$s.trim()]"), "[\u00a0x]");
});

test("replaceAll/replaceFirst use Java regex and replacement syntax ($1, ${name}, \\$)", () => {
  assert.equal(render("#set($s = 'a1b22')$s.replaceAll('[0-9]+', '#')|$s.replaceFirst('\\d', '_')"), "a#b#|a_b22");
  assert.equal(render("#set($s = 'John Smith')$s.replaceAll('(\\w+) (\\w+)', '$2, $1')"), "Smith, John");
  assert.equal(render("#set($s = '2024-01-31')$s.replaceAll('(?<y>\\d+)-(?<m>\\d+)-(?<d>\\d+)', '${d}/${m}/${y}')"), "31/01/2024");
  assert.equal(render("#set($s = 'cost')$s.replaceAll('cost', '\\$5')"), "$5");
  assert.equal(render("#set($s = 'ab')$s.replaceAll('', '-')"), "-a-b-");
  assert.throws(() => render("#set($s = 'ab')$s.replaceAll('a', '$2')"), /No group 2/);
});

test("split: Java drops trailing empty strings, keeps leading ones, treats the argument as a regex", () => {
  const sp = (s: string, args: string) => render(`#set($s = '${s}')#set($p = $s.split(${args}))$p.size():#foreach($x in $p)[$x]#end`);
  assert.equal(sp("a,b,,", "','"), "2:[a][b]");
  assert.equal(sp(",a,b", "','"), "3:[][a][b]");
  assert.equal(sp("a,b,,", "',', -1"), "4:[a][b][][]");
  assert.equal(sp("a,b,c", "',', 2"), "2:[a][b,c]");
  assert.equal(sp("a.b.c", "'.'"), "0:", "'.' is any character");
  assert.equal(sp("a.b.c", "'\\.'"), "3:[a][b][c]");
  assert.equal(sp("abc", "''"), "3:[a][b][c]");
  assert.equal(sp("", "','"), "1:[]");
  assert.equal(sp("k1=v1&k2=v2", "'&|='"), "4:[k1][v1][k2][v2]");
});

test("Java-only regex syntax is translated: (?i), \\Q...\\E, \\A, \\z, POSIX classes", () => {
  assert.equal(render("#set($s = 'HeLLo')$s.matches('(?i)hello')"), "true");
  assert.equal(render("#set($s = 'a.b*c')$s.replaceAll('\\Q.b*\\E', '-')"), "a-c");
  assert.equal(render("#set($s = 'abc')$s.replaceAll('\\Aa|c\\z', '_')"), "_b_");
  assert.equal(render("#set($s = 'a1-b2')$s.replaceAll('\\p{Alpha}', 'X')|$s.replaceAll('[\\p{Digit}-]', '')"), "X1-X2|ab");
  assert.throws(() => render("#set($s = 'aaa')$s.matches('a*+')"), (err: unknown) => err instanceof MappingTemplateError && /PatternSyntaxException/.test(err.message));
});

test("a Java exception in a method fails the template with its position", () => {
  assert.throws(
    () => render("ok\n  $input.body.substring(5)"),
    (err: unknown) => {
      assert.ok(err instanceof MappingTemplateError);
      assert.equal(err.kind, "runtime");
      assert.deepEqual(err.position, { line: 2, column: 3 });
      assert.match(err.detail, /java\.lang\.StringIndexOutOfBoundsException: String index out of range: -3/);
      return true;
    },
  );
  assert.throws(() => render("#set($l = [1])$l.get(3)"), /IndexOutOfBoundsException: Index: 3, Size: 1/);
  assert.throws(() => render("#set($p = 'a,b'.split(','))"), MappingTemplateError, "no method calls on a literal in Velocity 1.7");
  assert.throws(() => render("#set($s = 'a,b')#set($p = $s.split(','))$p.add('c')"), /UnsupportedOperationException/);
});

test("a method that does not exist or whose arguments do not fit yields nothing, not an error", () => {
  assert.equal(render("#set($s = 'abc')[$s.reverse()][$s.substring('1')][$s.charAt(1.0)][$s.charAt(1)]"), "[][][][b]");
  assert.equal(render("[$util.nope('x')][$input.nope()][$context.nope.deeper()]"), "[][][]");
});

test("properties: getX(), then Map.get, then isX(); `.class` on a map is its Class", () => {
  assert.equal(render("#set($l = [1])$l.empty|$l.size|#set($e = [])$e.empty"), "false||true");
  assert.equal(render('#set($m = {"empty": "key!"})$m.empty|$m.class|$m.class.simpleName'), "key!|class java.util.LinkedHashMap|LinkedHashMap");
  assert.equal(render("$input.path('$').class.name", { body: '{"class": "x"}' }), "java.util.LinkedHashMap");
  assert.equal(render("#set($s = 'x')$s.class.name $s.getClass().getSimpleName() $s.empty"), "java.lang.String String false");
});

test("#set with a null value leaves the variable unchanged (Velocity 1.7)", () => {
  const template = `#foreach($item in $input.path('$'))#set($name = $item.name)$name,#end`;
  assert.equal(render(template, { body: '[{"name": "a"}, {}, {"name": "c"}]' }), "a,a,c,");
});

test("identifiers may contain '-': $a-b is the variable `a-b`; ${a}-b is `a` then text", () => {
  assert.equal(render("#set($a = 'A')$a-b|${a}-b|$a -b"), "|A-b|A -b");
  assert.equal(render("#set($a-b = 'dash')$a-b"), "dash");
});

test("collections mutate in place: List.add prints true, Map.put prints the previous value", () => {
  assert.equal(render("#set($l = [])$l.add('x')$l.add('y') $l"), "truetrue [x, y]");
  assert.equal(render("#set($m = {})[$m.put('k', 1)][$m.put('k', 2)]$m"), "[][1]{k=2}");
  assert.equal(render("#set($m = {'a': 1, 'b': 2})$m.remove('a') $m.containsKey('b') $m.getOrDefault('z', 0) $m"), "1 true 0 {b=2}");
  assert.equal(render("#set($l = [3, 1, 2])$l.remove(0) $l.indexOf(2) $l.contains(1) $l.subList(0, 1) $l"), "3 1 true [1] [1, 2]");
});

test("number methods and casts", () => {
  assert.equal(render("#set($d = 2.9)$d.intValue()|#set($n = -2.9)$n.longValue()|#set($i = 5)$i.doubleValue()"), "2|-2|5.0");
  assert.equal(render("#set($b = true)$b.toString()$b.booleanValue()"), "truetrue");
});
