/**
 * Function logs: the lines an environment writes to stdout/stderr plus the platform's own
 * START / END / REPORT lines, kept three ways: a bounded ring per function (for `stratus logs`),
 * the lines of one invocation (for `LogType: Tail`), and the injected Logger at debug level.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
 */
import { LOG_RING_MAX_CHARS, LOG_RING_MAX_LINES, LOG_TAIL_BYTES, MAX_LOG_LINE_BYTES } from "./limits.js";

/**
 * Cuts a character stream into lines. Only "\n" ends a line: AWS's Node runtime writes a
 * multi-line message with "\r" in place of "\n" so that it stays one log event, and so do we.
 */
export class LineSplitter {
  private partial = "";

  constructor(private readonly emit: (line: string) => void) {}

  push(text: string): void {
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      this.emit(this.partial + text.slice(start, nl));
      this.partial = "";
      start = nl + 1;
    }
    this.partial += text.slice(start);
    // A runaway line without a newline becomes events of the CloudWatch maximum size.
    while (this.partial.length > MAX_LOG_LINE_BYTES) {
      this.emit(this.partial.slice(0, MAX_LOG_LINE_BYTES));
      this.partial = this.partial.slice(MAX_LOG_LINE_BYTES);
    }
  }

  /** Emits what is left of an unfinished line (end of an invocation, or of the stream). */
  flush(): void {
    if (this.partial === "") return;
    const line = this.partial;
    this.partial = "";
    this.emit(line);
  }
}

/** The last lines of one function (all versions), indexed by a counter that never goes back. */
export class LogRing {
  private lines: string[] = [];
  /** Position in `lines` of the oldest kept line: those before it are dropped, cut off in batches. */
  private head = 0;
  private first = 0; // absolute index of lines[head]
  private chars = 0;

  append(line: string): void {
    this.lines.push(line);
    this.chars += line.length;
    while (this.lines.length - this.head > LOG_RING_MAX_LINES || (this.chars > LOG_RING_MAX_CHARS && this.lines.length - this.head > 1)) {
      this.chars -= this.lines[this.head].length;
      this.lines[this.head++] = "";
      this.first++;
    }
    // Copying the ring once it has dropped as many lines as it keeps makes a full ring cost O(1)
    // per line; a copy per line (10,000 entries, three lines per invocation) was a large part of
    // the server's garbage under load.
    if (this.head > 0 && this.head >= this.lines.length - this.head) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
  }

  /** Lines from absolute index `since` (or the oldest kept), and the index to ask from next. */
  read(since = 0): { lines: string[]; next: number } {
    const from = this.head + Math.max(0, since - this.first);
    return { lines: this.lines.slice(from), next: this.first + this.lines.length - this.head };
  }
}

/** The lines of one invocation, START to REPORT, for `LogType: Tail`. */
export class TailCollector {
  private readonly lines: string[] = [];

  add(line: string): void {
    this.lines.push(line);
  }

  /** Base64 of the last 4 KB of the invocation's log, as Invoke's `X-Amz-Log-Result`. */
  tailBase64(): string {
    const all = Buffer.from(this.lines.map((l) => l + "\n").join(""), "utf8");
    return all.subarray(Math.max(0, all.length - LOG_TAIL_BYTES)).toString("base64");
  }
}

/** Platform lines, in the format Lambda writes them to CloudWatch. */
export const platformLines = {
  start(requestId: string, version: string): string {
    return `START RequestId: ${requestId} Version: ${version}`;
  },
  end(requestId: string): string {
    return `END RequestId: ${requestId}`;
  },
  report(r: ReportFields): string {
    let line =
      `REPORT RequestId: ${r.requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${r.billedDurationMs} ms` +
      `\tMemory Size: ${r.memoryMb} MB\tMax Memory Used: ${r.maxMemoryUsedMb} MB`;
    if (r.initDurationMs !== undefined) line += `\tInit Duration: ${r.initDurationMs.toFixed(2)} ms`;
    if (r.status) line += `\tStatus: ${r.status}`;
    if (r.errorType) line += `\tError Type: ${r.errorType}`;
    return line;
  },
  /** https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html#platform-initReport */
  initReport(durationMs: number, status: "error" | "timeout", errorType?: string): string {
    let line = `INIT_REPORT Init Duration: ${durationMs.toFixed(2)} ms\tPhase: init\tStatus: ${status}`;
    if (errorType) line += `\tError Type: ${errorType}`;
    return line;
  },
};

export interface ReportFields {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memoryMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  /** `timeout` or `error` when the platform ended the invocation (AWS adds the same fields). */
  status?: "timeout" | "error";
  errorType?: string;
}
