import { CodeErrors } from "./errors.js";

/** Counts decompressed bytes as they are produced and stops the unpacking past the limit. */
export class ByteBudget {
  used = 0;

  constructor(readonly limit: number) {}

  /** Whether `bytes` more would pass the limit (for sizes a zip declares, checked before reading). */
  wouldExceed(bytes: number): boolean {
    return this.used + bytes > this.limit;
  }

  /** Counts bytes actually produced; throws the unzipped-size error once past the limit. */
  spend(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) throw CodeErrors.unzippedTooLarge(this.limit);
  }
}
