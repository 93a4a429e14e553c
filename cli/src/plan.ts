import { AssemblyStack } from './assembly';
import { UsageError } from './errors';
import { closeNames, quotedAlternatives } from './suggest';

/** Whether `name` holds a glob character (`*` any characters, `?` one). */
export function isGlob(name: string): boolean {
  return /[*?]/.test(name);
}

/** A glob (`*` any characters, `?` one) as an anchored regular expression. */
function globRegExp(glob: string, flags = ''): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}

/** Up to this many stacks, an unknown name's message lists them all; above, it counts them. */
export const MAX_STACKS_LISTED = 10;

/**
 * The hint after an unknown stack name or a glob that matches nothing: the
 * close names (a typo, or another case; for a glob, the stacks it matches
 * ignoring case), then the stacks the assembly holds when they are few.
 * @returns e.g. ` (did you mean 'OrgAudit-Management'?); it holds: OrgAudit-LogArchive, OrgAudit-Management`
 */
export function unknownStackHint(all: readonly AssemblyStack[], name: string): string {
  const names = all.flatMap((s) => (s.stackName === s.id ? [s.id] : [s.id, s.stackName]));
  let close: string[];
  if (isGlob(name)) {
    const re = globRegExp(name, 'i');
    close = all.filter((s) => re.test(s.id) || re.test(s.stackName)).map((s) => s.id);
  } else {
    close = closeNames(name, names);
  }
  const guess = close.length > 0 ? ` (did you mean ${quotedAlternatives(close.slice(0, 3))}?)` : '';
  const holds =
    all.length <= MAX_STACKS_LISTED
      ? `it holds: ${all.map((s) => s.id).join(', ')}`
      : `it holds ${all.length} stacks ('actiontrail-cdk list' names them)`;
  return `${guess}; ${holds}`;
}

/**
 * The stacks a command acts on, by name or glob (artifact ID or stack name),
 * in manifest order.
 * @param names names and globs from the command line; empty means every stack
 * @throws UsageError for a name, or a glob that matches nothing, with the close
 *   names and (when few) the stacks the assembly holds
 */
export function selectStacks(all: AssemblyStack[], names: string[]): AssemblyStack[] {
  if (names.length === 0) return [...all];
  const found = new Set<AssemblyStack>();
  for (const name of names) {
    if (isGlob(name)) {
      const re = globRegExp(name);
      const matched = all.filter((s) => re.test(s.id) || re.test(s.stackName));
      if (matched.length === 0) {
        throw new UsageError(
          `'${name}' matches no stack in the cloud assembly${unknownStackHint(all, name)}`,
          'unknown-stack',
        );
      }
      matched.forEach((s) => found.add(s));
      continue;
    }
    const stack = all.find((s) => s.id === name) ?? all.find((s) => s.stackName === name);
    if (!stack) {
      throw new UsageError(`no stack '${name}' in the cloud assembly${unknownStackHint(all, name)}`, 'unknown-stack');
    }
    found.add(stack);
  }
  return all.filter((s) => found.has(s));
}

/**
 * Deploy order: the selected stacks and, transitively, the stacks they depend
 * on (not with `exclusively`), each after its dependencies (manifest order breaks ties).
 * @throws UsageError on a dependency cycle
 */
export function deployOrder(
  all: AssemblyStack[],
  selected: AssemblyStack[],
  exclusively: boolean = false,
): AssemblyStack[] {
  const byId = new Map(all.map((s) => [s.id, s]));
  const order: AssemblyStack[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (stack: AssemblyStack, trail: string[]): void => {
    const seen = state.get(stack.id);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      throw new UsageError(`stack dependencies form a cycle: ${[...trail, stack.id].join(' -> ')}`);
    }
    state.set(stack.id, 'visiting');
    for (const dep of stack.dependencies) {
      const d = byId.get(dep);
      if (d) visit(d, [...trail, stack.id]);
    }
    state.set(stack.id, 'done');
    order.push(stack);
  };
  const wanted = new Set(selected.map((s) => s.id));
  for (const stack of all) {
    if (wanted.has(stack.id)) visit(stack, []);
  }
  return exclusively ? order.filter((s) => wanted.has(s.id)) : order;
}

/**
 * Destroy order: the selected stacks and, transitively, the stacks that depend
 * on them (not with `exclusively`), dependents first. Never the stacks they depend on.
 */
export function destroyOrder(
  all: AssemblyStack[],
  selected: AssemblyStack[],
  exclusively: boolean = false,
): AssemblyStack[] {
  const included = new Set(selected.map((s) => s.id));
  let grew = !exclusively;
  while (grew) {
    grew = false;
    for (const stack of all) {
      if (!included.has(stack.id) && stack.dependencies.some((d) => included.has(d))) {
        included.add(stack.id);
        grew = true;
      }
    }
  }
  return deployOrder(
    all,
    all.filter((s) => included.has(s.id)),
  )
    .filter((s) => included.has(s.id))
    .reverse();
}
