/**
 * Method calls and property reads on template values, as Velocity 1.7 resolves them on the Java
 * objects behind them (Java 8 API). A method that does not exist, or whose arguments do not fit
 * (Velocity never narrows a Double to an int, nor turns a number into a String), yields NO_SUCH:
 * the reference is then null and renders as "". A Java exception fails the template.
 *
 * Properties: `$x.foo` tries getFoo(), then Map.get("foo"), then isFoo(), so `$map.class` is
 * the map's Class, `$map.empty` is map.get("empty"), `$list.empty` is isEmpty(), and `$list.size`
 * (no parentheses) is null.
 */
import { JavaException } from "./errors.js";
import {
  HostObject,
  JavaClassObject,
  JavaList,
  JavaMap,
  NO_SUCH,
  asIntArgument,
  formatJavaDouble,
  javaClassName,
  javaEquals,
  javaToString,
  type JavaValue,
  type Lookup,
} from "./java-values.js";
import { compareStrings, javaHashCode, javaTrim, matches, replaceAll, replaceFirst, replaceLiteral, split } from "./java-string.js";

export function getProperty(target: JavaValue, name: string): Lookup {
  if (target === null) return NO_SUCH;
  if (target instanceof HostObject) return target.getProperty(name);
  if (name === "class") return new JavaClassObject(javaClassName(target));
  if (target instanceof JavaMap) return target.get(name);
  if (name === "empty") {
    if (typeof target === "string") return target.length === 0;
    if (target instanceof JavaList) return target.items.length === 0;
  }
  return NO_SUCH;
}

export function invokeMethod(target: JavaValue, name: string, args: JavaValue[]): Lookup {
  if (target === null) return NO_SUCH;
  if (target instanceof HostObject) return target.invoke(name, args);
  if (args.length === 0 && name === "getClass") return new JavaClassObject(javaClassName(target));
  if (args.length === 0 && name === "toString") return javaToString(target);
  if (args.length === 1 && name === "equals") return javaEquals(target, args[0]);
  if (typeof target === "string") return stringMethod(target, name, args);
  if (target instanceof JavaList) return listMethod(target, name, args);
  if (target instanceof JavaMap) return mapMethod(target, name, args);
  if (typeof target === "bigint" || typeof target === "number") return numberMethod(target, name, args);
  if (typeof target === "boolean") {
    if (name === "booleanValue" && args.length === 0) return target;
    if (name === "compareTo" && typeof args[0] === "boolean") return BigInt(Number(target) - Number(args[0]));
    if (name === "hashCode" && args.length === 0) return target ? 1231n : 1237n;
  }
  return NO_SUCH;
}

const int = (n: number) => BigInt(n);

function outOfRange(index: number): JavaException {
  return new JavaException("java.lang.StringIndexOutOfBoundsException", `String index out of range: ${index}`);
}

function stringMethod(s: string, name: string, args: JavaValue[]): Lookup {
  const [a, b] = args;
  const sa = typeof a === "string" ? a : undefined;
  const sb = typeof b === "string" ? b : undefined;
  const ia = asIntArgument(a);
  const ib = asIntArgument(b);
  switch (`${name}/${args.length}`) {
    case "length/0":
      return int(s.length);
    case "isEmpty/0":
      return s.length === 0;
    case "toLowerCase/0":
      return s.toLowerCase();
    case "toUpperCase/0":
      return s.toUpperCase();
    case "trim/0":
      return javaTrim(s);
    case "intern/0":
      return s;
    case "hashCode/0":
      return int(javaHashCode(s));
    case "toCharArray/0":
      return new JavaList([...s.split("")], "array");
    case "charAt/1":
      if (ia === undefined) return NO_SUCH;
      if (ia < 0 || ia >= s.length) throw outOfRange(ia);
      return s[ia];
    case "codePointAt/1":
      if (ia === undefined) return NO_SUCH;
      if (ia < 0 || ia >= s.length) throw outOfRange(ia);
      return int(s.codePointAt(ia) as number);
    case "substring/1":
    case "substring/2":
    case "subSequence/2": {
      const end = args.length === 2 ? ib : s.length;
      if (ia === undefined || end === undefined) return NO_SUCH;
      if (ia < 0) throw outOfRange(ia);
      if (end > s.length) throw outOfRange(end);
      if (end < ia) throw outOfRange(end - ia);
      return s.slice(ia, end);
    }
    case "concat/1":
      return sa === undefined ? NO_SUCH : s + sa;
    case "contains/1":
      return sa === undefined ? NO_SUCH : s.includes(sa);
    case "startsWith/1":
      return sa === undefined ? NO_SUCH : s.startsWith(sa);
    case "startsWith/2":
      return sa === undefined || ib === undefined ? NO_SUCH : ib >= 0 && s.startsWith(sa, ib);
    case "endsWith/1":
      return sa === undefined ? NO_SUCH : s.endsWith(sa);
    case "equalsIgnoreCase/1":
      return sa !== undefined && sa.length === s.length && sa.toUpperCase().toLowerCase() === s.toUpperCase().toLowerCase();
    case "compareTo/1":
      return sa === undefined ? NO_SUCH : int(compareStrings(s, sa));
    case "compareToIgnoreCase/1":
      return sa === undefined ? NO_SUCH : int(compareStrings(s.toUpperCase().toLowerCase(), sa.toUpperCase().toLowerCase()));
    case "indexOf/1":
      return sa === undefined ? NO_SUCH : int(s.indexOf(sa));
    case "indexOf/2":
      return sa === undefined || ib === undefined ? NO_SUCH : int(s.indexOf(sa, Math.max(0, ib)));
    case "lastIndexOf/1":
      return sa === undefined ? NO_SUCH : int(s.lastIndexOf(sa));
    case "lastIndexOf/2":
      return sa === undefined || ib === undefined ? NO_SUCH : ib < 0 ? -1n : int(s.lastIndexOf(sa, ib));
    case "matches/1":
      return sa === undefined ? NO_SUCH : matches(s, sa);
    case "replace/2":
      return sa === undefined || sb === undefined ? NO_SUCH : replaceLiteral(s, sa, sb);
    case "replaceAll/2":
      return sa === undefined || sb === undefined ? NO_SUCH : replaceAll(s, sa, sb);
    case "replaceFirst/2":
      return sa === undefined || sb === undefined ? NO_SUCH : replaceFirst(s, sa, sb);
    case "split/1":
      return sa === undefined ? NO_SUCH : new JavaList(split(s, sa), "array");
    case "split/2":
      return sa === undefined || ib === undefined ? NO_SUCH : new JavaList(split(s, sa, ib), "array");
  }
  return NO_SUCH;
}

function indexOutOfBounds(index: number, size: number): JavaException {
  return new JavaException("java.lang.IndexOutOfBoundsException", `Index: ${index}, Size: ${size}`);
}

function listMethod(list: JavaList, name: string, args: JavaValue[]): Lookup {
  const items = list.items;
  const [a, b] = args;
  const ia = asIntArgument(a);
  const fixedSize = () => {
    if (list.flavor === "array") throw new JavaException("java.lang.UnsupportedOperationException", "");
  };
  switch (`${name}/${args.length}`) {
    case "size/0":
      return int(items.length);
    case "isEmpty/0":
      return items.length === 0;
    case "hashCode/0":
      return int(items.reduce<number>((h, item) => (Math.imul(31, h) + (typeof item === "string" ? javaHashCode(item) : 0)) | 0, 1));
    case "get/1":
      if (ia === undefined) return NO_SUCH;
      if (ia < 0 || ia >= items.length) throw indexOutOfBounds(ia, items.length);
      return items[ia];
    case "contains/1":
      return items.some((item) => javaEquals(item, a));
    case "indexOf/1":
      return int(items.findIndex((item) => javaEquals(item, a)));
    case "lastIndexOf/1":
      return int(items.map((item) => javaEquals(item, a)).lastIndexOf(true));
    case "containsAll/1":
      return a instanceof JavaList ? a.items.every((x) => items.some((item) => javaEquals(item, x))) : NO_SUCH;
    case "add/1":
      fixedSize();
      items.push(a);
      return true;
    case "add/2":
      fixedSize();
      if (ia === undefined) return NO_SUCH;
      if (ia < 0 || ia > items.length) throw indexOutOfBounds(ia, items.length);
      items.splice(ia, 0, b);
      return null;
    case "addAll/1":
      fixedSize();
      if (!(a instanceof JavaList)) return NO_SUCH;
      items.push(...a.items);
      return a.items.length > 0;
    case "set/2": {
      if (ia === undefined) return NO_SUCH;
      if (ia < 0 || ia >= items.length) throw indexOutOfBounds(ia, items.length);
      const previous = items[ia];
      items[ia] = b;
      return previous;
    }
    case "remove/1": {
      fixedSize();
      if (ia !== undefined) {
        if (ia < 0 || ia >= items.length) throw indexOutOfBounds(ia, items.length);
        return items.splice(ia, 1)[0];
      }
      const at = items.findIndex((item) => javaEquals(item, a));
      if (at >= 0) items.splice(at, 1);
      return at >= 0;
    }
    case "clear/0":
      fixedSize();
      items.length = 0;
      return null;
    case "subList/2": {
      const ib = asIntArgument(b);
      if (ia === undefined || ib === undefined) return NO_SUCH;
      if (ia < 0 || ib > items.length || ia > ib) throw new JavaException("java.lang.IndexOutOfBoundsException", `fromIndex: ${ia}, toIndex: ${ib}`);
      return new JavaList(items.slice(ia, ib), list.flavor === "array" ? "arraylist" : list.flavor);
    }
  }
  return NO_SUCH;
}

function mapKey(value: JavaValue): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function mapMethod(map: JavaMap, name: string, args: JavaValue[]): Lookup {
  const [a, b] = args;
  const key = mapKey(a);
  switch (`${name}/${args.length}`) {
    case "size/0":
      return int(map.entries.size);
    case "isEmpty/0":
      return map.entries.size === 0;
    case "get/1":
      return key === undefined ? null : map.get(key);
    case "getOrDefault/2":
      return key !== undefined && map.entries.has(key) ? map.get(key) : b;
    case "containsKey/1":
      return key !== undefined && map.entries.has(key);
    case "containsValue/1":
      return [...map.entries.values()].some((v) => javaEquals(v, a));
    case "put/2":
      return key === undefined ? map.put(javaToString(a), b) : map.put(key, b);
    case "putIfAbsent/2": {
      const k = key ?? javaToString(a);
      const current = map.get(k);
      if (current === null) map.put(k, b);
      return current;
    }
    case "putAll/1":
      if (!(a instanceof JavaMap)) return NO_SUCH;
      for (const [k, v] of a.entries) map.put(k, v);
      return null;
    case "remove/1": {
      if (key === undefined) return null;
      const previous = map.get(key);
      map.entries.delete(key);
      return previous;
    }
    case "clear/0":
      map.entries.clear();
      return null;
    case "keySet/0":
      return new JavaList([...map.entries.keys()]);
    case "values/0":
      return new JavaList([...map.entries.values()]);
    case "entrySet/0":
      return new JavaList([...map.entries.keys()].map((k) => new MapEntry(map, k)));
  }
  return NO_SUCH;
}

/** java.util.Map.Entry, from entrySet(). */
export class MapEntry extends HostObject {
  readonly javaClass = "java.util.LinkedHashMap$Entry";
  constructor(
    private readonly map: JavaMap,
    readonly key: string,
  ) {
    super();
  }
  override getProperty(name: string): Lookup {
    if (name === "key") return this.key;
    if (name === "value") return this.map.get(this.key);
    return NO_SUCH;
  }
  override invoke(name: string, args: JavaValue[]): Lookup {
    if (name === "getKey" && args.length === 0) return this.key;
    if (name === "getValue" && args.length === 0) return this.map.get(this.key);
    if (name === "setValue" && args.length === 1) return this.map.put(this.key, args[0]);
    if (name === "toString" && args.length === 0) return this.toJavaString();
    return NO_SUCH;
  }
  override toJavaString(): string {
    return `${this.key}=${javaToString(this.map.get(this.key))}`;
  }
}

/** (int) / (long) casts of a double: truncation, NaN to 0, saturation. */
function castDouble(d: number, bits: 32 | 64): bigint {
  if (Number.isNaN(d)) return 0n;
  const max = bits === 32 ? 2n ** 31n - 1n : 2n ** 63n - 1n;
  const min = -max - 1n;
  if (d >= Number(max)) return max;
  if (d <= Number(min)) return min;
  return BigInt(Math.trunc(d));
}

function numberMethod(n: bigint | number, name: string, args: JavaValue[]): Lookup {
  const [a] = args;
  switch (`${name}/${args.length}`) {
    case "intValue/0":
      return typeof n === "bigint" ? BigInt.asIntN(32, n) : castDouble(n, 32);
    case "longValue/0":
      return typeof n === "bigint" ? BigInt.asIntN(64, n) : castDouble(n, 64);
    case "doubleValue/0":
      return Number(n);
    case "isNaN/0":
      return typeof n === "number" ? Number.isNaN(n) : NO_SUCH;
    case "isInfinite/0":
      return typeof n === "number" ? !Number.isFinite(n) && !Number.isNaN(n) : NO_SUCH;
    case "hashCode/0":
      return typeof n === "bigint" ? BigInt.asIntN(32, n ^ (n >> 32n)) : NO_SUCH;
    case "compareTo/1":
      if (typeof a !== typeof n) return NO_SUCH;
      return Number(n) < Number(a) ? -1n : Number(n) > Number(a) ? 1n : 0n;
  }
  if (name === "toString" && args.length === 0) return typeof n === "number" ? formatJavaDouble(n) : n.toString();
  return NO_SUCH;
}
