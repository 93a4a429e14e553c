/**
 * The template parameters a deploy sends: values read from the environment
 * (`--parameters STACK:KEY=@env:VAR`), and, on UpdateStack, the rule that
 * keeps the previous values of NoEcho parameters the command line does not give.
 */
import { UsageError } from './errors';

/** One `--parameters` entry. */
export interface ParameterSpec {
  /** The stack (construct ID or stack name). */
  readonly stack: string;
  /** The template parameter. */
  readonly key: string;
  /** The value (after {@link resolveParameterValues}: never an `@env:` reference). */
  readonly value: string;
}

/** The prefix of a `--parameters` value read from an environment variable. */
const ENV_VALUE_PREFIX = '@env:';

/**
 * Replaces each `@env:VAR` value by the variable's value, and hands every
 * value read so to `secret` (the redactor), so that no output shows it.
 * @throws UsageError naming the parameter and the variable (never a value) when the variable is unset or empty
 */
export function resolveParameterValues(
  specs: readonly ParameterSpec[],
  env: NodeJS.ProcessEnv,
  secret: (value: string) => void,
): ParameterSpec[] {
  return specs.map((p) => {
    if (!p.value.startsWith(ENV_VALUE_PREFIX)) return p;
    const name = p.value.slice(ENV_VALUE_PREFIX.length);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new UsageError(
        `--parameters ${p.stack}:${p.key}=${ENV_VALUE_PREFIX}${name}: '${name}' is not an environment variable name (letters, digits, _)`,
      );
    }
    const value = env[name];
    if (value === undefined || value === '') {
      throw new UsageError(
        `--parameters ${p.stack}:${p.key}=${ENV_VALUE_PREFIX}${name}: the environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}; export it first (e.g. read -rs ${name} && export ${name})`,
      );
    }
    secret(value);
    return { ...p, value };
  });
}

/** A template's `Parameters` section entry (the fields read here). */
interface TemplateParameter {
  readonly NoEcho?: unknown;
  readonly Default?: unknown;
}

/** The template's parameter declarations. */
function declaredParameters(template: unknown): Record<string, TemplateParameter> {
  return ((template as { Parameters?: Record<string, TemplateParameter> }).Parameters ?? {}) as Record<
    string,
    TemplateParameter
  >;
}

/** True for a parameter declared `NoEcho` (ROS masks its value in GetStack and the console). */
function isNoEcho(declaration: TemplateParameter | undefined): boolean {
  return declaration?.NoEcho === true || declaration?.NoEcho === 'true';
}

/** The names of the template's NoEcho parameters. */
export function noEchoParameters(template: unknown): string[] {
  return Object.entries(declaredParameters(template))
    .filter(([, d]) => isNoEcho(d))
    .map(([k]) => k);
}

/** A parameter's `Default` as the string UpdateStack takes. */
function defaultText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** What UpdateStack sends for the template parameters. */
export interface UpdateParameters {
  /** The `Parameters.N` pairs. */
  readonly parameters: Array<{ readonly key: string; readonly value: string }>;
  /** Whether `UsePreviousParameters` is sent. */
  readonly usePreviousParameters: boolean;
  /** The NoEcho parameters that keep their previous values (names only). */
  readonly kept: string[];
}

/**
 * The parameters of an UpdateStack. When the template declares NoEcho
 * parameters that `given` leaves out, they keep the stack's previous values:
 * ROS's `UsePreviousParameters` is stack-wide, so it is sent with every other
 * declared parameter given explicitly, its command-line value or else its
 * template `Default`. So exactly as without it, every parameter but an
 * unspecified NoEcho one (or one with no `Default`, which ROS would
 * otherwise refuse) takes its default: a changed default still applies, and
 * drift repair's `ActionTrailCdkConverge` value is replaced as before.
 * Without NoEcho parameters left out, nothing changes: `given` only.
 */
export function parametersForUpdate(
  template: unknown,
  given: ReadonlyArray<{ readonly key: string; readonly value: string }>,
): UpdateParameters {
  const declared = declaredParameters(template);
  const givenKeys = new Set(given.map((p) => p.key));
  const kept = Object.entries(declared)
    .filter(([k, d]) => isNoEcho(d) && !givenKeys.has(k))
    .map(([k]) => k);
  if (kept.length === 0) return { parameters: [...given], usePreviousParameters: false, kept };
  const defaults = Object.entries(declared)
    .filter(([k, d]) => !isNoEcho(d) && !givenKeys.has(k) && d.Default !== undefined)
    .map(([k, d]) => ({ key: k, value: defaultText(d.Default) }));
  return { parameters: [...given, ...defaults], usePreviousParameters: true, kept };
}
