// Drops the keys whose value is undefined: for spreading options over defaults (an explicit
// undefined would otherwise override a default) and for JSON written to the lake.
export function withoutUndefined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
