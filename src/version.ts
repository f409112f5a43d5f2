import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package version, read from the nearest package.json named "stratus" (works from src/ and dist/). */
function readVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "stratus" && pkg.version) return pkg.version;
    } catch {
      // keep looking upwards
    }
    dir = dirname(dir);
  }
  return "0.0.0";
}

export const VERSION = readVersion();
