/**
 * "Did you mean ...?" for a stack name that names no stack of the cloud
 * assembly. Pure functions, no dependency: the whole of it is an edit
 * distance over names of a few dozen characters, which is shorter than the
 * review of a package (and the CLI's bundle stays small).
 */

/**
 * The edit distance between `a` and `b`, ignoring case: insertions,
 * deletions, substitutions and swaps of two adjacent characters each count 1
 * (optimal string alignment), so `OrgAudit-Mangaement` is 1 from
 * `OrgAudit-Management`.
 */
export function nameDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  // d[i][j]: the distance between the first i characters of x and the first j of y.
  const d: number[][] = Array.from({ length: x.length + 1 }, (_row, i) =>
    Array.from({ length: y.length + 1 }, (_column, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[x.length][y.length];
}

/**
 * How far a name may be from a candidate and still read as a typo of it: a
 * third of the name's length, at least 1 and at most 3 (so `A` is not a typo
 * of `B`, and a long name does not match a different long name).
 */
export function typoBudget(name: string): number {
  return Math.min(3, Math.max(1, Math.floor(name.length / 3)));
}

/**
 * The candidates `name` is probably a typo of: those at the smallest
 * {@link nameDistance} from it, when that distance is within
 * {@link typoBudget} and smaller than the name's length, in the order given
 * and each once. A candidate that differs from `name` in case only is always one.
 * `budget` replaces {@link typoBudget} (ids and option names allow more).
 * @returns empty when no candidate is close
 */
export function closeNames(
  name: string,
  candidates: readonly string[],
  budget: (name: string) => number = typoBudget,
): string[] {
  let best = Infinity;
  let found: string[] = [];
  for (const c of new Set(candidates)) {
    const d = nameDistance(name, c);
    // Within the budget, and keeping something of the name (`Z` is not a typo of `C`).
    if (d > budget(name) || (d > 0 && d >= name.length) || d > best) continue;
    if (d < best) {
      best = d;
      found = [];
    }
    found.push(c);
  }
  return found;
}

/** `'A'`, `'A' or 'B'`, `'A', 'B' or 'C'`. */
export function quotedAlternatives(names: readonly string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
