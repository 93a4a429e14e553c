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

  constructor(private readonly inner: ros.IResolvable & ros.IPostProcessor) {
    this.creationStack = inner.creationStack;
  }

  public resolve(context: ros.IResolveContext): unknown {
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

/** The fragment with each resource's post-processing wrapped in {@link MappedOutsideReferenceScan}. */
export function mapOnlyForTemplates(fragment: object): object {
  const resources = (fragment as { Resources?: Record<string, unknown> }).Resources;
  if (resources === undefined) return fragment;
  for (const [id, entry] of Object.entries(resources)) {
    if (isPostProcessingToken(entry)) resources[id] = new MappedOutsideReferenceScan(entry);
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
