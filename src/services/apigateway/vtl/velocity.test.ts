// The template language: Velocity 1.7 as API Gateway runs it (directives, whitespace, references,
// escapes, comments, literals, operators, macros).
import { test } from "node:test";
import assert from "node:assert/strict";
import { MappingTemplateError, renderTemplate, type MappingTemplateInput } from "./index.js";

const render = (template: string, input: Partial<MappingTemplateInput> = {}) => renderTemplate(template, { body: "", ...input });

test("#set, #if/#elseif/#else and comparison operators, with word forms", () => {
  const t = (n: number) =>
    render(`#set($n = ${n})#if($n < 0)neg#elseif($n == 0)zero#elseif($n gt 10 and $n le 100)big#{else}small#end`);
  assert.deepEqual([t(-1), t(0), t(5), t(50), t(500)], ["neg", "zero", "small", "big", "small"]);
  assert.equal(render("#if(!false && (true || false))a#end#if(not true)b#end#if(1 != 2)c#end#if(2 ne 2)d#end"), "ac");
});

test("#foreach over a list, a range (both directions), a map's values, and nothing for null or a string", () => {
  assert.equal(render('#foreach($x in ["a", "b"])$x#end'), "ab");
  assert.equal(render("#foreach($i in [1..4])$i#end|#foreach($i in [2..-1])$i#end"), "1234|210-1");
  assert.equal(render('#set($n = 3)#foreach($i in [1..$n])$i#end'), "123");
  assert.equal(render('#foreach($v in {"a": 1, "b": 2})$v#end'), "12");
  assert.equal(render("#foreach($v in $nothing)x#end|#foreach($c in 'abc')x#end"), "|");
});

test("$foreach.index/count/hasNext/first/last/parent, $velocityCount and $velocityHasNext", () => {
  assert.equal(
    render("#foreach($x in ['a','b','c'])$foreach.index$foreach.count$foreach.first$foreach.last$velocityCount$velocityHasNext#if($foreach.hasNext),#end#end"),
    "01truefalse1true,12falsefalse2true,23falsetrue3false",
  );
  assert.equal(render("#foreach($o in [1,2])#foreach($i in ['a','b'])$foreach.parent.count$i #end#end"), "1a 1b 2a 2b ");
  assert.equal(render("#foreach($x in [1])$foreach.getIndex()$foreach.isLast()#end"), "0true");
});

test("the loop variable and $foreach are restored after the loop; #set inside the loop stays", () => {
  assert.equal(render("#set($x = 'outer')#foreach($x in [1,2])#set($last = $x)#end$x $last [$foreach][$velocityCount]"), "outer 2 [][]");
});

test("#break leaves the innermost loop; #stop ends the output", () => {
  assert.equal(render("#foreach($i in [1..5])#if($i == 3)#break#end$i#end!"), "12!");
  assert.equal(render("a#foreach($i in [1,2])b#stop#end c"), "ab");
});

test("whitespace: a directive's ) swallows trailing blanks and one newline; #else/#end too", () => {
  assert.equal(render("#if(true)   \nyes\n#end   \nafter"), "yes\nafter");
  assert.equal(render("#if(false)\nno\n#else  \nyes\n#end"), "yes\n");
  assert.equal(render("#if(true) x#end"), " x", "text after ) on the same line stays, blanks included");
  assert.equal(render("#if(true)\r\nwin\r\n#end\r\nz"), "win\r\nz");
  assert.equal(render("#foreach($i in [1,2])\n$i\n#end\n."), "1\n2\n.");
});

test("whitespace: #set swallows the blanks before it only right after a Velocity token, never after text", () => {
  assert.equal(render("#if(true)\n    #set($a = 1)\n    v=$a\n#end"), "    v=1\n");
  assert.equal(render("{\n    #set($a = 1)\n    \"a\": $a\n}"), '{\n        "a": 1\n}');
  assert.equal(render("$nothing  #set($a = 1)|"), "|", "after a reference the blanks belong to #set");
  assert.equal(render("x\t#set($a = 1)|"), "x\t|");
  assert.equal(render("#set ($a = 'spaced')$a#{set}($b = 'braced')$b"), "spacedbraced");
});

test("comments: ## ends with its newline, #* *# and #** *# leave what follows", () => {
  assert.equal(render("a ## note\nb"), "a b");
  assert.equal(render("a #* x\ny *#\nb #** doc *#c"), "a \nb c");
  assert.equal(render("## only a comment"), "");
});

test("#[[ ]]# is unparsed text", () => {
  assert.equal(render("#[[ $x #if(true) ]]#"), " $x #if(true) ");
});

test("references: quiet and formal forms, undefined ones print nothing (API Gateway), a lone $ is text", () => {
  assert.equal(render("[$nope][$!nope][${nope}][$!{nope}]"), "[][][][]");
  assert.equal(render("#set($a = 'x')${a}y $!{a}y"), "xy xy");
  assert.equal(render("costs $5, $ or $!"), "costs $5, $ or $!");
  assert.equal(render("#set($a = 'v')$a.b.c|$a."), "|v.");
});

test("references: a property after a dot must start with a letter; `$elem.type.` keeps the dot", () => {
  assert.equal(render('#set($m = {"type": "dog"})$m.type. $m._x'), "dog. {type=dog}._x");
});

test("references: ${} delimits a name from following text", () => {
  assert.equal(render("#set($name = 'Jo')${name}hn $namehn"), "John ");
});

test("escapes: \\$ref prints the reference when it is defined, the backslash too when it is not", () => {
  assert.equal(render("#set($a = 1)\\$a \\\\$a \\\\\\$a"), "$a \\1 \\$a");
  assert.equal(render("\\$b \\\\$b"), "\\$b \\");
  assert.equal(render("\\#if(true) \\#set \\#notadirective a\\b"), "#if(true) #set \\#notadirective a\\b");
});

test("unknown #words and #word(...) without a macro stay text", () => {
  assert.equal(render("#1 #hashtag #foo(bar) #"), "#1 #hashtag #foo(bar) #");
});

test("string literals: single quotes are verbatim, double quotes interpolate, doubled quotes escape", () => {
  assert.equal(render("#set($n = 'Al')#set($a = 'hi $n')#set($b = \"hi $n\")$a|$b"), "hi $n|hi Al");
  assert.equal(render(`#set($q = "say ""yes""")#set($s = 'it''s')$q|$s`), 'say "yes"|it\'s');
  assert.equal(render(`#set($u = "\\u00e9")$u`), "é");
  assert.equal(render('#set($x = "#if(true)in#end")$x'), "in");
});

test("string literals have no backslash escapes: \\n stays two characters", () => {
  assert.equal(render('#set($s = "a\\nb")$s.length()'), "4");
  assert.throws(() => render("#set($s = 'a\\'b')"), /expected '\)' to close #set/, "the literal ends at the quote after the backslash");
});

test("list and map literals, ranges, nested access and index notation", () => {
  assert.equal(render("#set($l = [1, 'two', [3]])$l $l[1] $l[2][0] $l.get(0) $l[-1]"), "[1, two, [3]] two 3 1 [3]");
  assert.equal(render('#set($m = {"a": {"b": [10, 20]}, "k": true})$m $m.a.b[1] $m["k"]'), "{a={b=[10, 20]}, k=true} 20 true");
  assert.equal(render("#set($empty = [])#set($e = {})$empty$e $empty.size()"), "[]{} 0");
});

test("#set on properties and indexes updates maps and lists in place", () => {
  assert.equal(render('#set($m = {})#set($m.a = 1)#set($m["b"] = 2)#set($m.a = 3)$m'), "{a=3, b=2}");
  assert.equal(render("#set($l = [1, 2])#set($l[1] = 'x')#set($l[-2] = 'y')$l"), "[y, x]");
  assert.equal(render("#set($none.x = 1)ok"), "ok");
});

test("#macro with arguments, called before or after its definition; recursion is bounded", () => {
  assert.equal(render("#greet('Ann' 'Ben')#macro(greet $a $b)Hi $a & $b. #end#greet('Cy', 'Di')"), "Hi Ann & Ben. Hi Cy & Di. ");
  assert.equal(render("#macro(item $v)<$v>#end#foreach($x in [1,2])#item($x)#end"), "<1><2>");
  assert.throws(() => render("#macro(loop $n)#loop($n)#end#loop(1)"), (err: unknown) => err instanceof MappingTemplateError && err.kind === "limit");
});

test("#define renders its body where it is used, with the variables of that moment", () => {
  const template = `#define( $loop )
{#foreach($key in $map.keySet())"$key": "$map.get($key)"#if($foreach.hasNext), #end#end}
#end
#set( $map = {"a": 1} )
"first": $loop,
#set( $map = {"b": 2, "c": 3} )
"second": $loop`;
  assert.equal(render(template), '"first": {"a": "1"}\n,\n"second": {"b": "2", "c": "3"}\n');
});

test("#evaluate renders a string as a template", () => {
  assert.equal(render("#set($t = '#set($z = 5)$z!')#evaluate($t)"), "5!");
});

test("#parse and #include fail: API Gateway has no templates to load", () => {
  assert.throws(() => render("#parse('x.vm')"), /#parse is not available/);
  assert.equal(render("#if(false)#include('x')#end ok"), " ok");
});

test("parse errors name the line and column", () => {
  const cases: Array<[string, RegExp, number, number]> = [
    ["a\n#if($x", /expected '\)' to close #if/, 2, 7],
    ["#foreach($x $list)#end", /expected 'in'/, 1, 13],
    ["x #end", /unexpected #end/, 1, 3],
    ["#if(true)never closed", /missing #end for the #if at line 1, column 1/, 1, 22],
    ["#foreach($i in [1])\n#if(true)\n#end", /missing #end for the #foreach at line 1, column 1/, 3, 5],
    ["#set($a = )", /unexpected '\)'/, 1, 11],
    ["#set($a.b() = 1)", /cannot #set the result of a method call/, 1, 11],
    ["#* open", /unterminated #\* comment/, 1, 1],
    ["$a.b('x'", /expected ',' or '\)'/, 1, 9],
    ["#set($x = 'unterminated)", /unterminated string literal/, 1, 11],
  ];
  for (const [template, message, line, column] of cases) {
    assert.throws(
      () => render(template),
      (err: unknown) => {
        assert.ok(err instanceof MappingTemplateError, template);
        assert.equal(err.kind, "parse", template);
        assert.match(err.detail, message, template);
        assert.deepEqual(err.position, { line, column }, template);
        assert.match(err.message, new RegExp(`^Mapping template cannot be parsed at line ${line}, column ${column}: `));
        return true;
      },
    );
  }
});

test("a null literal does not exist in Velocity 1.7: `null` is a parse error, $null an undefined reference", () => {
  assert.throws(() => render("#if($a == null)x#end"), MappingTemplateError);
  assert.equal(render("#if($a == $null)x#end"), "x");
});
