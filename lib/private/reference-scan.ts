import * as ros from '@alicloud/ros-cdk-core';

/**
 * ros-cdk resolves each resource once more, before the template, only to find
 * the tokens it holds (cross-stack references): that resolve is "preparing",
 * joins strings without ROS functions and is thrown away. Mapping the props to
 * the template's (the packages' mappers, the costliest part of an alert's
 * render) is skipped there; every other resolve maps as ros-cdk does.
 */
class MappedOutsideReferenceScan implements ros.IResolvable, ros.IPostProcessor {
  public readonly creationStack: string[];

  constructor(
    private readonly inner: ros.IResolvable & ros.IPostProcessor,
    private readonly nothingToFind?: () => boolean,
  ) {
    this.creationStack = inner.creationStack;
  }

  public resolve(context: ros.IResolveContext): unknown {
    if (context.preparing && this.nothingToFind?.() === true) {
      // The scan would walk the whole resource and find only references it ignores.
      context.registerPostProcessor(this);
      return {};
    }
    const value: unknown = this.inner.resolve(context);
    // Registered after the inner token's own registration, so this one runs.
    context.registerPostProcessor(this);
    return value;
  }

  public postProcess(input: unknown, context: ros.IResolveContext): unknown {
    return context.preparing ? input : this.inner.postProcess(input, context);
  }

  public toString(): string {
    return this.inner.toString();
  }
}

/**
 * The fragment with each resource's post-processing wrapped in
 * {@link MappedOutsideReferenceScan}. `nothingToFind`, when given and true at
 * the scan, lets the scan skip the resource altogether (see
 * {@link referencesOnlyOwnStack}).
 */
export function mapOnlyForTemplates(fragment: object, nothingToFind?: () => boolean): object {
  const resources = (fragment as { Resources?: Record<string, unknown> }).Resources;
  if (resources === undefined) return fragment;
  for (const [id, entry] of Object.entries(resources)) {
    if (isPostProcessingToken(entry)) resources[id] = new MappedOutsideReferenceScan(entry, nothingToFind);
  }
  return fragment;
}

function isPostProcessingToken(value: unknown): value is ros.IResolvable & ros.IPostProcessor {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { resolve?: unknown }).resolve === 'function' &&
    typeof (value as { postProcess?: unknown }).postProcess === 'function'
  );
}

/**
 * How ros-cdk-core encodes tokens in strings: `${Token[...]}` for a string,
 * `#{Token[...]}` for a list's element (`Token.asList`, `Lazy.listValue`).
 * A test checks both against ros-cdk-core's own encoding.
 */
export const TOKEN_MARKER = '{Token[';
export const LIST_TOKEN_MARKER = '#{Token[';

/**
 * What lazy values are made of, for {@link referencesOnlyOwnStack}: a token
 * found here is judged by the values its function returns instead of being
 * resolved.
 */
export type ScanExpansions = ReadonlyMap<ros.IResolvable, () => unknown>;

/**
 * Whether every token in `value` is a reference to a construct of `stack` (a
 * parameter of its own, say) or a pseudo parameter (`ALIYUN::AccountId`):
 * then ros-cdk's reference scan, which looks for references to other
 * stacks, has nothing to find in it. A lazy value listed in `expansions` is
 * judged by what it is made of; any other token (a reference into another
 * stack, a lazy value, a function of references) answers false, and the scan
 * runs as usual.
 */
export function referencesOnlyOwnStack(stack: ros.Stack, value: unknown, expansions?: ScanExpansions): boolean {
  const pseudo = stackPseudoTokens(stack);
  const ownOrPseudo = (token: ros.IResolvable): boolean => {
    if (pseudo.has(token)) return true;
    if (ros.Reference.isReference(token)) return ros.Stack.of(token.target) === stack;
    const parts = expansions?.get(token);
    if (parts !== undefined) return walk(parts());
    return resolvesToPseudoOnly(stack, token);
  };
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') {
      // Most strings are literals: found without ros-cdk's regular expressions.
      if (!v.includes(TOKEN_MARKER)) return true;
      // An encoded list element holds no string token to reverse: the scan must look at it.
      if (v.includes(LIST_TOKEN_MARKER)) return false;
      return ros.Tokenization.reverseString(v).tokens.every(ownOrPseudo);
    }
    if (typeof v === 'number') return !ros.Token.isUnresolved(v);
    if (v === null || typeof v !== 'object') return true;
    if (ros.Tokenization.isResolvable(v)) return ownOrPseudo(v);
    if (Array.isArray(v)) return v.every(walk);
    // A token in a key (ros-cdk resolves keys too) makes the scan run.
    const object = v as Record<string, unknown>;
    for (const key of Object.keys(object)) if (key.includes(TOKEN_MARKER) || !walk(object[key])) return false;
    return true;
  };
  return walk(value);
}

/**
 * What `resolvesToPseudoOnly` found, per stack and token, for the rest of the
 * synchronous synthesis: the tokens of an account's project name or ARNs
 * recur in several resources of a stack.
 */
let resolvedTokens: WeakMap<ros.Stack, Map<ros.IResolvable, boolean>> | undefined;

/** Whether `token`, resolved in `stack`, holds no reference but pseudo parameters. */
function resolvesToPseudoOnly(stack: ros.Stack, token: ros.IResolvable): boolean {
  if (resolvedTokens === undefined) {
    resolvedTokens = new WeakMap();
    queueMicrotask(() => (resolvedTokens = undefined));
  }
  let known = resolvedTokens.get(stack);
  if (known === undefined) resolvedTokens.set(stack, (known = new Map()));
  let answer = known.get(token);
  if (answer === undefined) known.set(token, (answer = onlyPseudoParameters(stack.resolve(token))));
  return answer;
}

/** The tokens of a stack's account and region (pseudo parameters when not given literally), found once per stack. */
const pseudoTokens = new WeakMap<ros.Stack, ReadonlySet<ros.IResolvable>>();

function stackPseudoTokens(stack: ros.Stack): ReadonlySet<ros.IResolvable> {
  let tokens = pseudoTokens.get(stack);
  if (tokens === undefined) {
    tokens = new Set(
      [stack.account, stack.region]
        .filter((v) => ros.Token.isUnresolved(v))
        .flatMap((v) => ros.Tokenization.reverseString(v).tokens)
        .filter((token) => onlyPseudoParameters(stack.resolve(token))),
    );
    pseudoTokens.set(stack, tokens);
  }
  return tokens;
}

/**
 * Whether a resolved value holds no reference but pseudo parameters: literals,
 * `{ Ref: 'ALIYUN::...' }`, and `Fn::Join`s of those (the project name
 * `actiontrail_<account>`, say). Any other ROS function may name a resource,
 * so it answers false.
 */
function onlyPseudoParameters(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(onlyPseudoParameters);
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  const [key] = keys;
  const argument = (value as Record<string, unknown>)[key];
  if (key === 'Ref') return typeof argument === 'string' && argument.startsWith('ALIYUN::');
  return key === 'Fn::Join' && onlyPseudoParameters(argument);
}
