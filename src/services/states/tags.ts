/** Tags on state machines: at most 50; keys 1–128, values 0–256 characters. */
import { StatesErrors } from "./errors.js";

export interface Tag {
  key: string;
  value?: string;
}

export function applyTags(arn: string, current: Record<string, string>, tags: Tag[] | undefined): Record<string, string> {
  const next = { ...current };
  for (const t of tags ?? []) {
    if (t.key.length < 1 || t.key.length > 128) throw StatesErrors.validation(`1 validation error detected: Value '${t.key}' at 'tags.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`);
    if ((t.value ?? "").length > 256) throw StatesErrors.validation(`1 validation error detected: Value at 'tags.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`);
    next[t.key] = t.value ?? "";
  }
  if (Object.keys(next).length > 50) throw StatesErrors.tooManyTags(arn);
  return next;
}

export function tagList(tags: Record<string, string>): Array<{ key: string; value: string }> {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}
