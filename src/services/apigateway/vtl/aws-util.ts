/**
 * `$util` in API Gateway mapping templates:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
 *
 * Each function behaves as the Java library API Gateway's engine builds on:
 * - escapeJavaScript: Apache Commons Lang 2.x StringEscapeUtils.escapeJavaScript (`'` becomes
 *   `\'`, which is not valid JSON, as AWS documents; `/` becomes `\/`; non-ASCII becomes \uXXXX);
 * - urlEncode / urlDecode: java.net.URLEncoder / URLDecoder with UTF-8 (space is `+`, `*` stays,
 *   `~` is encoded; a bad `%` escape fails);
 * - base64Encode / base64Decode: the string's UTF-8 bytes, standard alphabet with padding;
 * - parseJson: JSON text to the same maps and lists `$input.path` returns.
 * A function that does not exist yields null (rendered as ""), as on AWS.
 */
import { JavaException } from "./errors.js";
import { JsonSyntaxError, parseJsonToJava } from "./json.js";
import { HostObject, NO_SUCH, javaToString, type JavaValue, type Lookup } from "./java-values.js";

export function escapeJavaScript(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const hex = code.toString(16).toUpperCase();
    if (code > 0x7f) out += `\\u${hex.padStart(4, "0")}`;
    else if (code < 32) {
      if (code === 8) out += "\\b";
      else if (code === 10) out += "\\n";
      else if (code === 9) out += "\\t";
      else if (code === 12) out += "\\f";
      else if (code === 13) out += "\\r";
      else out += `\\u${hex.padStart(4, "0")}`;
    } else {
      const ch = text[i];
      out += ch === "'" || ch === '"' || ch === "\\" || ch === "/" ? `\\${ch}` : ch;
    }
  }
  return out;
}

const URL_SAFE = /[a-zA-Z0-9.\-*_]/;

export function urlEncode(text: string): string {
  let out = "";
  for (const ch of text) {
    if (URL_SAFE.test(ch)) out += ch;
    else if (ch === " ") out += "+";
    else for (const byte of Buffer.from(ch, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

export function urlDecode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    if (ch === "+") {
      out += " ";
      i++;
    } else if (ch === "%") {
      const bytes: number[] = [];
      while (i < text.length && text[i] === "%") {
        if (i + 2 >= text.length) {
          throw new JavaException("java.lang.IllegalArgumentException", "URLDecoder: Incomplete trailing escape (%) pattern");
        }
        const pair = text.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(pair)) {
          throw new JavaException("java.lang.IllegalArgumentException", "URLDecoder: Illegal hex characters in escape (%) pattern - For input string: \"" + pair + '"');
        }
        bytes.push(parseInt(pair, 16));
        i += 3;
      }
      out += Buffer.from(bytes).toString("utf8");
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

export function base64Encode(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

export function base64Decode(text: string): string {
  return Buffer.from(text, "base64").toString("utf8");
}

export function parseJson(text: string): JavaValue {
  try {
    return parseJsonToJava(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new JavaException("net.minidev.json.parser.ParseException", err.message);
    throw err;
  }
}

const FUNCTIONS: Record<string, (text: string) => JavaValue> = {
  escapeJavaScript,
  urlEncode,
  urlDecode,
  base64Encode,
  base64Decode,
  parseJson,
};

export class UtilVariable extends HostObject {
  readonly javaClass = "com.amazonaws.apigateway.mapping.Util";

  override invoke(name: string, args: JavaValue[]): Lookup {
    const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    if (!fn || args.length !== 1) return NO_SUCH;
    const [arg] = args;
    // Java would be handed null and return null; any other value is passed as its String form.
    if (arg === null) return null;
    return fn(javaToString(arg));
  }
}
