/**
 * 32-bit hashing for shingles and MinHash. Everything stays in int32/uint32 arithmetic
 * (`Math.imul`, shifts): no BigInt, no floating-point products, no string building.
 */

/** FNV-1a 32-bit offset basis. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
/** FNV-1a 32-bit prime. */
export const FNV_PRIME = 0x01000193;

/** MurmurHash3's 32-bit finaliser: a bijective avalanche mix (every input bit flips ~half the output). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a string's UTF-16 code units, finished with `fmix32` (FNV alone mixes low bits poorly). */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return fmix32(h);
}

/** Combines two 32-bit hashes order-dependently (boost::hash_combine style, 32-bit). */
export function combine(h: number, v: number): number {
  return (h ^ (v + 0x9e3779b9 + (h << 6) + (h >>> 2))) | 0;
}
