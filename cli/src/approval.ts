/**
 * `--require-approval`: whether deploy asks before it acts, and what it does
 * when nobody can answer.
 *
 * - `never`: never asks.
 * - `any-change`: asks when any stack changes.
 * - `broadening` (default): asks only when trust or permissions grow (a trust
 *   principal, an allowed policy action or resource added, a deny removed).
 *
 * A change that grows trust or permissions is approved only by a person at
 * the prompt or by `--require-approval never`: without a terminal, and also
 * with `--yes`, it is refused. Other changes that would ask are approved by
 * `--yes`.
 */
import { RequireApproval } from './args';
import { confirm, InputStream } from './confirm';
import { CliError } from './errors';

/** What a plan holds, for the approval. */
export interface ApprovalPlan {
  /** Some stack is created or changes. */
  readonly anyChange: boolean;
  /** Some change grows trust or permissions. */
  readonly broadening: boolean;
}

/** How the approval ends. */
export type ApprovalOutcome = 'go' | 'cancelled';

/** Whether the mode asks for this plan. */
export function needsApproval(mode: RequireApproval, plan: ApprovalPlan): boolean {
  if (mode === 'never') return false;
  return mode === 'any-change' ? plan.anyChange : plan.broadening;
}

/**
 * Asks, or decides without asking.
 * @returns 'go', or 'cancelled' when the person at the prompt says no
 * @throws CliError when approval is needed and nobody can give it (no terminal, or `--yes` for a broadening change)
 */
export async function approve(
  mode: RequireApproval,
  plan: ApprovalPlan,
  io: { yes: boolean; stdin: InputStream; output: NodeJS.WritableStream },
): Promise<ApprovalOutcome> {
  if (!needsApproval(mode, plan)) return 'go';
  const tty = io.stdin.isTTY === true;
  if (tty && !io.yes) {
    const question = plan.broadening ? 'Trust or permissions grow (see above). Deploy?' : 'Deploy these changes?';
    return (await confirm(question, io.stdin, io.output)) ? 'go' : 'cancelled';
  }
  const why = tty ? '--yes was given' : 'standard input is not a terminal';
  if (plan.broadening) {
    throw new CliError(
      `deploy refused: trust or permissions grow (the "<- broadens" lines under Security changes) and ${why}, so nobody approved them; nothing was deployed. ` +
        `Review the changes (actiontrail-cdk diff), then answer the prompt on a terminal, or pass --require-approval never (--yes does not approve them)`,
    );
  }
  if (io.yes) return 'go';
  throw new CliError(
    `deploy refused: --require-approval any-change asks before any change and ${why}; nothing was deployed. Pass --yes or --require-approval never, or run on a terminal`,
  );
}
