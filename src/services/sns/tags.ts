/**
 * Topic tags: at most 50, keys 1–128 and values 0–256 characters.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-tags-restrictions.html
 */
import { SnsErrors } from "./errors.js";

export const MAX_TAGS = 50;

export interface Tag {
  Key: string;
  Value: string;
}

export function applyTags(current: Record<string, string>, tags: Tag[] | undefined): Record<string, string> {
  const next = { ...current };
  for (const t of tags ?? []) {
    if (t.Key.length < 1 || t.Key.length > 128 || t.Key.startsWith("aws:")) throw SnsErrors.invalidParameter("Tags");
    if ((t.Value ?? "").length > 256) throw SnsErrors.invalidParameter("Tags");
    next[t.Key] = t.Value ?? "";
  }
  if (Object.keys(next).length > MAX_TAGS) throw SnsErrors.tagLimit();
  return next;
}

export function tagList(tags: Record<string, string>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
