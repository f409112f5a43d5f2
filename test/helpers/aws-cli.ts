/**
 * Runs the AWS CLI against a Stratus endpoint for tests. The CLI is looked up as
 * $STRATUS_AWS_CLI, then /usr/bin/aws (Debian's awscli 2.9, which .ci/run installs), then `aws`
 * on PATH. Each call gets a clean environment: test credentials, no config files, JSON output.
 */
import { execFile, spawnSync } from "node:child_process";
import { join } from "node:path";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
}

export function findCli(): { bin: string; version: string } | undefined {
  const candidates = [process.env.STRATUS_AWS_CLI, "/usr/bin/aws", "aws"].filter((c): c is string => !!c);
  for (const bin of candidates) {
    const r = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 30_000 });
    if (r.status === 0) return { bin, version: (r.stdout + r.stderr).trim() };
  }
  return undefined;
}

export const NO_CLI = "no AWS CLI found (tried $STRATUS_AWS_CLI, /usr/bin/aws, aws on PATH); .ci/run installs Debian's awscli";

/** `aws <args> --endpoint-url <endpoint> --output json`, with HOME in `home` (a temp dir). */
export function runCli(bin: string, endpoint: string, home: string, args: string[]): Promise<CliResult> {
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    LANG: "C.UTF-8",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_PAGER: "",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: join(home, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "no-credentials"),
    PYTHONIOENCODING: "utf-8",
  };
  return new Promise((resolve) => {
    execFile(bin, [...args, "--endpoint-url", endpoint, "--output", "json"], { env, encoding: "utf8", timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      let json: unknown;
      try {
        json = stdout.trim() ? JSON.parse(stdout) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}
