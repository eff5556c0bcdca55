/** FNV-1a 32-bit hash of a string's UTF-16 code units. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG giving uniforms in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A deterministic stand-in for Titan Text Embeddings: the sum of one hash-seeded Gaussian vector
 * per lower-cased word (Box–Muller on a PRNG seeded by the word's hash), scaled to unit length
 * when `normalize`. Texts that share words get a positive cosine, identical texts cosine 1, so
 * semantic-similarity scorers see meaningful values. A text without words gets the vector of the
 * empty word.
 */
export function hashEmbedding(text: string, dimensions: number, normalize = true): Float64Array {
  const out = new Float64Array(dimensions);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [''];
  for (const word of words) {
    const next = mulberry32(fnv1a(word));
    for (let d = 0; d < dimensions; d += 2) {
      const u1 = 1 - next();
      const u2 = next();
      const r = Math.sqrt(-2 * Math.log(u1));
      out[d] = (out[d] ?? 0) + r * Math.cos(2 * Math.PI * u2);
      if (d + 1 < dimensions) out[d + 1] = (out[d + 1] ?? 0) + r * Math.sin(2 * Math.PI * u2);
    }
  }
  if (normalize) {
    let norm = 0;
    for (let d = 0; d < dimensions; d++) norm += (out[d] ?? 0) ** 2;
    norm = Math.sqrt(norm);
    for (let d = 0; d < dimensions; d++) out[d] = (out[d] ?? 0) / norm;
  }
  return out;
}
