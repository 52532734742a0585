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
  /** `count` distinct items (all of them when there are fewer). Shuffles them all: for short lists. */
  sample<T>(items: readonly T[], count: number): T[];
  /**
   * `count` distinct items of a long list, in time that grows with `count` alone. It leaves the draws
   * where sample() would, so what is drawn after it is the same whichever of the two drew.
   */
  sampleFew<T>(items: readonly T[], count: number): T[];
  /** Normally distributed, mean 0. */
  gaussian(sd: number): number;
  /** 22 base62 characters, the shape of a Spotify id. */
  spotifyId(): string;
}

/** How mulberry32's state moves at each draw. */
const STEP = 0x6d2b79f5;

/** mulberry32: tiny, fast and good enough to shuffle a synthetic catalog. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + STEP) >>> 0;
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
    sampleFew: <T>(items: readonly T[], count: number): T[] => {
      // The first `count` steps of a Fisher-Yates shuffle, the positions it moved kept in a map.
      const taken = Math.min(count, items.length);
      const moved = new Map<number, number>();
      const picked: T[] = [];
      const last = items.length - 1;
      for (let index = 0; index < taken; index += 1) {
        // The last position has one choice, which sample() makes without a draw.
        const chosen = index === last ? index : int(index, last);
        picked.push(items[moved.get(chosen) ?? chosen] as T);
        moved.set(chosen, moved.get(index) ?? index);
      }
      // sample() draws once per item but the last: skip the draws not made (the state is a counter).
      const skipped = Math.max(0, last - Math.min(taken, last));
      state = (state + Math.imul(skipped, STEP)) >>> 0;
      return picked;
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
