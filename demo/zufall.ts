// Seeded randomness. Every consumer gets its own stream derived from (seed, label, ...), so that
// adding rows in one file (e.g. a higher scale) never shifts the random choices of another file.

/** FNV-1a over the joined parts; only used to derive independent stream seeds. */
export function hash32(...teile: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const s = teile.join('\u001f');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // One extra avalanche round: FNV alone leaves similar labels with similar low bits.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for demo data; not for anything secret. */
export class Zufall {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  static fuer(seed: number, ...teile: readonly (string | number)[]): Zufall {
    return new Zufall(hash32(seed, ...teile));
  }

  /** uniform in [0, 1) */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** integer in [min, max], both inclusive */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  zwischen(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  wahl<T>(liste: readonly T[]): T {
    if (liste.length === 0) throw new Error('wahl() aus leerer Liste');
    return liste[Math.floor(this.next() * liste.length)]!;
  }

  gewichtet<T>(paare: readonly (readonly [T, number])[]): T {
    let summe = 0;
    for (const [, g] of paare) summe += g;
    let r = this.next() * summe;
    for (const [wert, g] of paare) {
      r -= g;
      if (r < 0) return wert;
    }
    return paare[paare.length - 1]![0];
  }

  /** Fisher-Yates on a copy */
  gemischt<T>(liste: readonly T[]): T[] {
    const a = liste.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const x = a[i]!;
      a[i] = a[j]!;
      a[j] = x;
    }
    return a;
  }
}
