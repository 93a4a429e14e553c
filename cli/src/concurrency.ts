/**
 * `--concurrency N`: runs the stacks of a plan with up to N at once, each only
 * after every stack of the plan it depends on has succeeded. After a failure
 * (or Ctrl-C) nothing more starts; the running ones are waited for.
 */

/** One unit of a plan. */
export interface PlanItem {
  /** Its ID. */
  readonly id: string;
  /** IDs it depends on (those outside the plan are taken as done). */
  readonly dependencies: readonly string[];
}

/** How a run of the plan ended. */
export interface PlanRun {
  /** IDs that succeeded, in the order they finished. */
  readonly done: string[];
  /** Errors by ID, in the order they happened. */
  readonly failed: Array<{ readonly id: string; readonly error: unknown }>;
  /** IDs never started (after a failure or a stop). */
  readonly notStarted: string[];
}

/**
 * Runs `work` for each item, in dependency order, up to `concurrency` at once.
 * @param items the plan, in an order where dependencies come first (ties keep it)
 * @param shouldStop checked before each start (Ctrl-C)
 */
export async function runPlan<T extends PlanItem>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<PlanRun> {
  const inPlan = new Set(items.map((i) => i.id));
  const done: string[] = [];
  const failed: Array<{ id: string; error: unknown }> = [];
  const pending = [...items];
  const running = new Map<string, Promise<void>>();
  const ready = (item: T): boolean => item.dependencies.every((d) => !inPlan.has(d) || done.includes(d));
  for (;;) {
    while (running.size < Math.max(1, concurrency) && failed.length === 0 && !shouldStop()) {
      const index = pending.findIndex(ready);
      if (index < 0) break;
      const [item] = pending.splice(index, 1);
      running.set(
        item.id,
        work(item).then(
          () => {
            done.push(item.id);
            running.delete(item.id);
          },
          (error: unknown) => {
            failed.push({ id: item.id, error });
            running.delete(item.id);
          },
        ),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  return { done, failed, notStarted: pending.map((i) => i.id) };
}
