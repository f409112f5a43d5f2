/**
 * Where GetFunction and GetLayerVersion say the code can be downloaded. AWS answers a
 * presigned S3 URL; Stratus serves the original zip itself under `/_stratus/lambda/code/`.
 */
import type { CodeRef } from "./types.js";

export function codeLocation(code: CodeRef, endpoint: string): { RepositoryType: string; Location?: string } {
  if (code.localDir) return { RepositoryType: "S3", Location: `file://${code.localDir}` };
  return { RepositoryType: "S3", Location: `${endpoint}/_stratus/lambda/code/${Buffer.from(code.sha256 ?? "", "base64").toString("hex")}.zip` };
}
