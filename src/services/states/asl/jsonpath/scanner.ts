/** A cursor over the text of a path or an intrinsic call, shared by their parsers. */
export class Scanner {
  pos: number;
  readonly text: string;
  private readonly makeError: (message: string) => Error;

  constructor(text: string, makeError: (message: string) => Error, pos = 0) {
    this.text = text;
    this.pos = pos;
    this.makeError = makeError;
  }

  peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }

  eof(): boolean {
    return this.pos >= this.text.length;
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  skipSpaces(): void {
    while (!this.eof() && isSpace(this.peek())) this.pos++;
  }

  expect(ch: string): void {
    if (this.peek() !== ch) this.fail(this.eof() ? `Expected '${ch}' but the text ended` : `Expected '${ch}' but found '${this.peek()}'`);
    this.pos += ch.length;
  }

  fail(message: string): never {
    throw this.makeError(`${message} (position ${this.pos} of '${this.text}')`);
  }
}

export function isSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

export function isDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

/** Letters (any script) and underscore may start a variable name; digits may follow. */
export function isIdentStart(ch: string): boolean {
  return ch !== "" && /[\p{L}_]/u.test(ch);
}

export function isIdentPart(ch: string): boolean {
  return ch !== "" && /[\p{L}\p{N}_]/u.test(ch);
}

/** A JSON-style number at the cursor (`-12`, `1.5`, `2e3`), or undefined if none starts there. */
export function readNumber(s: Scanner): number | undefined {
  const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(s.text.slice(s.pos));
  if (!match) return undefined;
  s.pos += match[0].length;
  const n = Number(match[0]);
  return Object.is(n, -0) ? 0 : n;
}
