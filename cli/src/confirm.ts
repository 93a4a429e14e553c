import * as readline from 'readline';

/** Standard input as the prompt needs it. */
export interface InputStream extends NodeJS.ReadableStream {
  /** True for a terminal. */
  readonly isTTY?: boolean;
}

/**
 * Asks a yes/no question on a terminal. Without a terminal on standard input
 * (CI) nobody can answer, so the answer is yes, as `--yes` would give.
 * @returns true for y/yes
 */
export async function confirm(question: string, input: InputStream, output: NodeJS.WritableStream): Promise<boolean> {
  if (input.isTTY !== true) return true;
  const rl = readline.createInterface({ input, output });
  try {
    const answer = await new Promise<string>((resolve) => {
      // Ctrl-C at the prompt is a "no".
      rl.on('SIGINT', () => resolve(''));
      rl.question(`${question} [y/N] `, resolve);
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
