/**
 * A function's or layer's code as given to the API (`Code` / `Content`): a base64 zip, or a
 * local directory for hot reload. S3 locations other than the hot-reload marker and container
 * images are refused: Stratus has no S3 and no container runtime.
 * https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html
 */
import { statSync } from "node:fs";
import { isAbsolute } from "node:path";
import { LambdaErrors } from "./errors.js";
import type { CodeStore } from "./code/types.js";
import type { CodeRef } from "./types.js";

/** `Code: { S3Bucket: "hot-reload", S3Key: "/absolute/dir" }` runs the directory in place (as LocalStack's form). */
export const HOT_RELOAD_BUCKET = "hot-reload";

export interface CodeInput {
  ZipFile?: Uint8Array;
  S3Bucket?: string;
  S3Key?: string;
  S3ObjectVersion?: string;
  ImageUri?: string;
}

export async function readCode(input: CodeInput | undefined, store: CodeStore): Promise<CodeRef> {
  if (!input || (!input.ZipFile && !input.S3Bucket && !input.ImageUri)) {
    throw LambdaErrors.invalidParameter("Please provide a source for function code.");
  }
  if (input.ImageUri) throw LambdaErrors.invalidParameter("Stratus does not run container images; give the code as a .zip file or a local directory.");
  if (input.ZipFile) {
    const stored = await store.storeZip(Buffer.from(input.ZipFile));
    return { sha256: stored.sha256, size: stored.size };
  }
  if (input.S3Bucket === HOT_RELOAD_BUCKET) {
    const dir = input.S3Key ?? "";
    let isDir = false;
    try {
      isDir = isAbsolute(dir) && statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw LambdaErrors.invalidParameter(`The hot-reload code location must be an absolute path to an existing directory: '${dir}'.`);
    return { localDir: dir, size: 0 };
  }
  throw LambdaErrors.invalidParameter(`Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist (Stratus has no S3: use ZipFile, or S3Bucket "${HOT_RELOAD_BUCKET}" with a local directory as S3Key).`);
}

/** CodeSha256 of code: the zip's digest; a local directory reports a fixed marker, as LocalStack does. */
export function codeSha256(code: CodeRef): string {
  return code.sha256 ?? "hot-reloading-hash-not-available";
}
