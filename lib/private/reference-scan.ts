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
 * Whether every token in `value` is a reference to a construct of `stack` (a
 * parameter of its own, say) or a pseudo parameter (`ALIYUN::AccountId`):
 * then ros-cdk's reference scan, which looks for references to other
 * stacks, has nothing to find in it. Any other token (a reference into
 * another stack, a lazy value, a function of references) answers false, and
 * the scan runs as usual.
 */
export function referencesOnlyOwnStack(stack: ros.Stack, value: unknown): boolean {
  const ownOrPseudo = (token: ros.IResolvable): boolean => {
    if (ros.Reference.isReference(token)) return ros.Stack.of(token.target) === stack;
    const resolved: unknown = stack.resolve(token);
    return isPseudoParameterRef(resolved);
  };
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') {
      return !ros.Token.isUnresolved(v) || ros.Tokenization.reverseString(v).tokens.every(ownOrPseudo);
    }
    if (typeof v === 'number') return !ros.Token.isUnresolved(v);
    if (v === null || typeof v !== 'object') return true;
    if (ros.Tokenization.isResolvable(v)) return ownOrPseudo(v);
    if (Array.isArray(v)) return v.every(walk);
    return Object.values(v).every(walk);
  };
  return walk(value);
}

function isPseudoParameterRef(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  const ref = (value as { Ref?: unknown }).Ref;
  return keys.length === 1 && typeof ref === 'string' && ref.startsWith('ALIYUN::');
}
