import { randomText } from "../../core/random-text.js";

/** An X-Ray trace header for one invocation: `Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0`. */
export function traceId(nowMs: number): string {
  const epoch = Math.floor(nowMs / 1000).toString(16).padStart(8, "0");
  const hex = randomText(20, "hex");
  return `Root=1-${epoch}-${hex.slice(0, 24)};Parent=${hex.slice(24)};Sampled=0`;
}
