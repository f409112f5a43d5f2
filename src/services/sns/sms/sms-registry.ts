/**
 * SMS state in memory, per account and region, written through to the store: the SMS
 * attributes that were set, the opt-out list and the SMS sandbox's destination numbers.
 */
import type { SmsStore } from "./sms-store.js";
import type { SandboxNumberRecord, Where } from "./types.js";

const keyOf = (where: Where) => `${where.accountId}/${where.region}`;

export class SmsRegistry {
  private readonly attributesByKey = new Map<string, Record<string, string>>();
  private readonly optedOutByKey = new Map<string, Set<string>>();
  private readonly sandboxByKey = new Map<string, Map<string, SandboxNumberRecord>>();

  constructor(readonly store: SmsStore) {}

  load(): void {
    const snap = this.store.load();
    for (const a of snap.attributes) this.attributesByKey.set(keyOf(a), a.attributes);
    for (const o of snap.optedOut) this.optedOutSet(o).add(o.phoneNumber);
    for (const s of snap.sandbox) this.sandboxMap(s).set(s.number.phoneNumber, s.number);
  }

  clear(): void {
    this.attributesByKey.clear();
    this.optedOutByKey.clear();
    this.sandboxByKey.clear();
  }

  /** The attributes SetSMSAttributes stored (no defaults). */
  attributes(where: Where): Record<string, string> {
    return { ...(this.attributesByKey.get(keyOf(where)) ?? {}) };
  }

  async setAttributes(where: Where, attributes: Record<string, string>): Promise<void> {
    this.attributesByKey.set(keyOf(where), attributes);
    await this.store.putAttributes(where, attributes);
  }

  isOptedOut(where: Where, phoneNumber: string): boolean {
    return this.optedOutByKey.get(keyOf(where))?.has(phoneNumber) ?? false;
  }

  /** Opted-out numbers, sorted. */
  optedOut(where: Where): string[] {
    return [...(this.optedOutByKey.get(keyOf(where)) ?? [])].sort();
  }

  /**
   * Puts a number on the opt-out list (what a STOP reply does on AWS). No API call does this;
   * it is here for in-process callers and tests.
   */
  async optOut(where: Where, phoneNumber: string): Promise<void> {
    this.optedOutSet(where).add(phoneNumber);
    await this.store.putOptedOut(where, phoneNumber);
  }

  async optIn(where: Where, phoneNumber: string): Promise<void> {
    if (!this.optedOutByKey.get(keyOf(where))?.delete(phoneNumber)) return;
    await this.store.deleteOptedOut(where, phoneNumber);
  }

  sandboxNumber(where: Where, phoneNumber: string): SandboxNumberRecord | undefined {
    return this.sandboxByKey.get(keyOf(where))?.get(phoneNumber);
  }

  /** Sandbox numbers in the order they were first added. */
  sandboxNumbers(where: Where): SandboxNumberRecord[] {
    return [...(this.sandboxByKey.get(keyOf(where))?.values() ?? [])];
  }

  async saveSandboxNumber(where: Where, number: SandboxNumberRecord): Promise<void> {
    this.sandboxMap(where).set(number.phoneNumber, number);
    await this.store.putSandboxNumber(where, number);
  }

  async deleteSandboxNumber(where: Where, phoneNumber: string): Promise<void> {
    this.sandboxByKey.get(keyOf(where))?.delete(phoneNumber);
    await this.store.deleteSandboxNumber(where, phoneNumber);
  }

  private optedOutSet(where: Where): Set<string> {
    let set = this.optedOutByKey.get(keyOf(where));
    if (!set) this.optedOutByKey.set(keyOf(where), (set = new Set()));
    return set;
  }

  private sandboxMap(where: Where): Map<string, SandboxNumberRecord> {
    let map = this.sandboxByKey.get(keyOf(where));
    if (!map) this.sandboxByKey.set(keyOf(where), (map = new Map()));
    return map;
  }
}
