/**
 * Function and layer code: uploaded zips unpacked safely into a content-addressed store, or a
 * local directory used in place (hot reload).
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */

export interface StoredCode {
  /** AWS's CodeSha256: base64 of the SHA-256 of the zip as uploaded. */
  sha256: string;
  /** Bytes of the zip (CodeSize). */
  size: number;
  /** Bytes once unpacked. */
  unzippedSize: number;
  /** Where the unpacked code lives (read-only for functions). */
  dir: string;
}

export interface CodeStore {
  /**
   * Validates and unpacks a zip. Throws InvalidParameterValueException for a zip that is not
   * a zip or has unsafe entries (`..`, absolute paths, symlinks escaping the target),
   * RequestTooLargeException past 50 MB zipped, and InvalidParameterValueException past
   * 250 MB unzipped. Storing the same bytes twice reuses the first copy.
   */
  storeZip(zip: Buffer): Promise<StoredCode>;
  /** The unpacked directory of stored code, or undefined if it is gone. */
  dirOf(sha256: string): string | undefined;
  /** The zip as uploaded (served as GetFunction's Code.Location), or undefined. Accepts base64 or hex. */
  zipPathOf(sha256: string): string | undefined;
  /** Removes code no longer referenced by any function version or layer version. */
  release(sha256: string): Promise<void>;
  /** Deletes a temporary store (in-memory servers); keeps a data dir's store. */
  close(): Promise<void>;
}
