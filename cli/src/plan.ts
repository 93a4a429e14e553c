import { AssemblyStack } from './assembly';
import { UsageError } from './errors';

/**
 * The stacks a command acts on, by name (artifact ID or stack name).
 * @param names names from the command line; empty means every stack
 * @throws UsageError for a name the assembly does not hold
 */
export function selectStacks(all: AssemblyStack[], names: string[]): AssemblyStack[] {
  if (names.length === 0) return [...all];
  const found: AssemblyStack[] = [];
  for (const name of names) {
    const stack = all.find((s) => s.id === name) ?? all.find((s) => s.stackName === name);
    if (!stack) {
      throw new UsageError(`no stack '${name}' in the cloud assembly; it holds: ${all.map((s) => s.id).join(', ')}`);
    }
    if (!found.includes(stack)) found.push(stack);
  }
  return found;
}

/**
 * Deploy order: the selected stacks and, transitively, the stacks they depend
 * on, each after its dependencies (manifest order breaks ties).
 * @throws UsageError on a dependency cycle
 */
export function deployOrder(all: AssemblyStack[], selected: AssemblyStack[]): AssemblyStack[] {
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
  return order;
}

/**
 * Destroy order: the selected stacks and, transitively, the stacks that depend
 * on them, dependents first. Never the stacks they depend on.
 */
export function destroyOrder(all: AssemblyStack[], selected: AssemblyStack[]): AssemblyStack[] {
  const included = new Set(selected.map((s) => s.id));
  let grew = true;
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
