/**
 * Renders the JSON of GET /_stratus/status as text for `stratus status`. Pure, and tolerant of
 * shapes it does not know: a newer server may report services this CLI has never heard of.
 */

interface QueueSummary {
  url: string;
  region?: string;
  messages: number;
  inFlight: number;
  delayed: number;
}

export function formatStatus(body: unknown, endpoint: string): string {
  const status = isRecord(body) ? body : {};
  const lines = [`Stratus ${str(status.version) ?? "(unknown version)"} at ${endpoint}`];
  if (typeof status.uptimeSeconds === "number") lines.push(`Uptime: ${formatDuration(status.uptimeSeconds)}`);
  if (isRecord(status.clock) && typeof status.clock.now === "number") {
    lines.push(`Clock: ${status.clock.manual === true ? "manual" : "system"}, ${new Date(status.clock.now).toISOString()}`);
  }
  const services = isRecord(status.services) ? status.services : {};
  for (const [id, summary] of Object.entries(services)) {
    const queues = isRecord(summary) && Array.isArray(summary.queues) ? summary.queues.filter(isQueueSummary) : undefined;
    if (queues) lines.push(`${id}: ${plural(queues.length, "queue")}`, ...queueTable(queues, endpoint));
    else lines.push(`${id}: ${JSON.stringify(summary)}`);
  }
  return lines.join("\n") + "\n";
}

function queueTable(queues: QueueSummary[], endpoint: string): string[] {
  if (queues.length === 0) return [];
  const rows = [
    ["NAME", "REGION", "MESSAGES", "IN FLIGHT", "DELAYED", "URL"],
    ...queues.map((q) => [
      q.url.split("/").pop() ?? q.url,
      q.region ?? "",
      String(q.messages),
      String(q.inFlight),
      String(q.delayed),
      // The server reports `/account/name`; the full URL is what a user pastes into a client.
      q.url.startsWith("/") ? endpoint + q.url : q.url,
    ]),
  ];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const numeric = new Set([2, 3, 4]);
  return rows.map((r) => "  " + r.map((cell, col) => (numeric.has(col) ? cell.padStart(widths[col]) : col === r.length - 1 ? cell : cell.padEnd(widths[col]))).join("  "));
}

export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  parts.push(`${s % 60}s`);
  return parts.join(" ");
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function isQueueSummary(value: unknown): value is QueueSummary {
  return isRecord(value) && typeof value.url === "string" && ["messages", "inFlight", "delayed"].every((k) => typeof value[k] === "number");
}
