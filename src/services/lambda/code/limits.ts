/**
 * Limits on uploaded code.
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 * ("Deployment package (.zip file archive) size: 50 MB (zipped, when uploaded through the
 * Lambda API or SDKs) … 250 MB (unzipped)", sizes in bytes as AccountLimit reports them:
 * CodeSizeZipped 52428800, CodeSizeUnzipped 262144000.)
 */

/** 50 MB: the largest zip accepted in a request (`ZipFile`). */
export const MAX_ZIPPED_UPLOAD_BYTES = 52_428_800;
/** 250 MB: the most bytes a zip may unpack to (counted as decompressed, never as declared). */
export const MAX_UNZIPPED_BYTES = 262_144_000;
/**
 * Stratus's own cap on entries per zip (AWS documents none), so a zip of millions of empty
 * entries cannot tie up the server or its file system.
 */
export const MAX_ZIP_ENTRIES = 100_000;
/** A symlink's target is a path: Linux's PATH_MAX less the terminating NUL. */
export const MAX_SYMLINK_TARGET_BYTES = 4_095;
/** Symlinks the kernel follows while resolving one path before failing with ELOOP. */
export const MAX_SYMLINK_HOPS = 40;
/** Path components walked while checking all of a zip's symlinks, to bound the check's CPU. */
export const MAX_SYMLINK_CHECK_STEPS = 10_000_000;

export interface UnzipLimits {
  maxUnzippedBytes: number;
  maxEntries: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = {
  maxUnzippedBytes: MAX_UNZIPPED_BYTES,
  maxEntries: MAX_ZIP_ENTRIES,
};
