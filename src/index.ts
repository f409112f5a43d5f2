/** The embeddable API: start an isolated Stratus inside a test suite or a tool. */
export { start, DEFAULT_PORT, DEFAULT_HOST, DEFAULT_DATA_DIR } from "./server/start.js";
export type { StartOptions, StratusServer } from "./server/start.js";
export { ManualClock, SystemClock } from "./core/clock.js";
export type { Clock } from "./core/clock.js";
export { VERSION } from "./version.js";
