/**
 * Memos for pure string functions on the intake's hot path, each bounded so that no input grows
 * them without end.
 */

/** `compute` with the first `limit` results kept (inputs that recur across mails: letters, words). */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const seen = new Map<string, V>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      value = compute(key);
      if (seen.size < limit) seen.set(key, value);
    }
    return value;
  };
}

/** `compute` with the last `limit` results kept (one mail's text, asked for by several stages). */
export function recentMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const recent = new Map<string, V>();
  return (key) => {
    let value = recent.get(key);
    if (value === undefined) {
      value = compute(key);
      if (recent.size >= limit) recent.delete(recent.keys().next().value as string);
      recent.set(key, value);
    }
    return value;
  };
}

/**
 * `build` run on the first call and its value kept: a table that costs to build at import (a
 * phrase list spelled out with map/flatMap) is built by the first reader instead (issue 16).
 */
export function once<V>(build: () => V): () => V {
  let built: { value: V } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
