/**
 * java.util.Random's generator (48-bit LCG), so that a seeded States.MathRandom draws what a
 * Java implementation seeded the same way draws. https://docs.oracle.com/javase/8/docs/api/java/util/Random.html
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

export class JavaRandom {
  private seed: bigint;

  constructor(seed: number | bigint) {
    this.seed = (BigInt.asIntN(64, BigInt(seed)) ^ MULTIPLIER) & MASK;
  }

  /** Random.next(bits): the next `bits` pseudo-random bits as a signed 32-bit int. */
  next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }

  /** Random.nextInt(): any int. */
  nextInt(): number {
    return this.next(32);
  }

  /** Random.nextInt(bound): uniform in [0, bound). */
  nextIntBounded(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x7fffffff) throw new RangeError("bound must be a positive int");
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next(31));
    return r;
  }
}
