// A seeded random source for the sample catalog: the same seed must give the same catalog on every
// machine, so tests and `npm start` can name artists and expect the same neighbours.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
  /** Normally distributed, mean 0. */
  gaussian(sd: number): number;
  /** 22 base62 characters, the shape of a Spotify id. */
  spotifyId(): string;
}

/** mulberry32: tiny, fast and good enough to shuffle a synthetic catalog. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[int(0, items.length - 1)] as T;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    sample: <T>(items: readonly T[], count: number): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, count);
    },
    gaussian: (sd) => {
      // Box-Muller; 1 - next() keeps the logarithm away from zero.
      const u = 1 - next();
      const v = next();
      return sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    spotifyId: () => {
      // Built from char codes in one go: a string grown by += stays a rope, several times larger in memory.
      const codes = new Array<number>(22);
      for (let i = 0; i < 22; i += 1) codes[i] = BASE62.charCodeAt(Math.floor(next() * 62));
      return String.fromCharCode(...codes);
    },
  };
}
