/**
 * A small, fast, seeded pseudo-random generator (xoshiro128**) with uniform
 * and standard-normal draws, and seed derivation so every symbol gets its own
 * independent, reproducible stream.
 *
 * @module
 */

const TWO_POW_32 = 4_294_967_296;

/** One step of splitmix32: a strong 32-bit mixer, used to expand seeds into state. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** FNV-1a hash of the UTF-16 code units of `text`, as an unsigned 32-bit integer. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Derives a 32-bit seed from a run seed and a key (a symbol, or a symbol plus a
 * purpose such as `"AAPL/history"`). Different keys give unrelated seeds, so the
 * streams built from them are independent; the same pair always gives the same seed.
 *
 * `seed` may be any safe integer (negative and above 2^32 included).
 *
 * @example
 * ```ts
 * deriveSeed(42, "AAPL") === deriveSeed(42, "AAPL"); // true
 * deriveSeed(42, "AAPL") !== deriveSeed(42, "MSFT"); // true (in practice)
 * ```
 */
export function deriveSeed(seed: number, key: string): number {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a safe integer, got ${seed}`);
  }
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  let mixed = splitmix32(low);
  mixed = splitmix32(mixed ^ high);
  return splitmix32(mixed ^ fnv1a(key));
}

/**
 * xoshiro128** seeded through splitmix32, with Box-Muller normals. Period
 * 2^128 - 1; each draw is a handful of integer operations and allocates nothing.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(deriveSeed(42, "AAPL"));
 * const u = random.uniform(); // in (0, 1)
 * const z = random.normal();  // standard normal
 * ```
 */
export class SeededRandom {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spareNormal = 0;
  #hasSpare = false;

  /** Creates a generator whose whole sequence is fixed by the 32-bit `seed`. */
  constructor(seed: number) {
    let state = seed >>> 0;
    state = splitmix32(state);
    this.#s0 = state;
    state = splitmix32(state);
    this.#s1 = state;
    state = splitmix32(state);
    this.#s2 = state;
    state = splitmix32(state);
    this.#s3 = state;
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
  }

  /** Next raw output, an unsigned 32-bit integer. */
  nextUint32(): number {
    const s1 = this.#s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result >>> 0;
  }

  /** Uniform draw in the open interval (0, 1): never exactly 0, so `Math.log` of it is finite. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /** Standard normal draw (mean 0, variance 1) by Box-Muller; the second value of each pair is kept for the next call. */
  normal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spareNormal;
    }
    const radius = Math.sqrt(-2 * Math.log(this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.#spareNormal = radius * Math.sin(angle);
    this.#hasSpare = true;
    return radius * Math.cos(angle);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
