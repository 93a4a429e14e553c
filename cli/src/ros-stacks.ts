import * as crypto from 'crypto';
import * as $ros from '@alicloud/ros20190910';
import { CloudClients } from './clients';
import { CliError } from './errors';

/** A stack as ROS reports it. */
export interface RemoteStack {
  /** The stack ID. */
  readonly stackId: string;
  /** The stack name. */
  readonly stackName: string;
  /** The status, e.g. CREATE_COMPLETE. */
  readonly status: string;
  /** Why the stack is in that status. @default - none */
  readonly statusReason?: string;
}

/** One stack event (ListStackEvents). */
export interface StackEvent {
  /** The event ID. */
  readonly eventId: string;
  /** The resource's logical ID (the stack's name for stack events). */
  readonly logicalResourceId: string;
  /** The resource type. */
  readonly resourceType: string;
  /** The resource status. */
  readonly status: string;
  /** The reason. @default '' */
  readonly statusReason: string;
  /** When, as ROS reports it (ISO 8601, UTC). */
  readonly createTime: string;
}

/** One stack output. */
export interface StackOutput {
  /** The output key. */
  readonly key: string;
  /** The value, as text. */
  readonly value: string;
}

/** One resource change from PreviewStack. */
export interface ResourceChange {
  /** The logical ID. */
  readonly logicalResourceId: string;
  /** The resource type. */
  readonly resourceType: string;
  /** Add, Modify, Remove or None. */
  readonly action: string;
  /** For Modify: whether ROS replaces the resource (True, False, Conditional). @default - not reported */
  readonly replacement?: string;
}

/**
 * The ROS controls of a deploy: what `--parameters`, `--disable-rollback`,
 * `--resource-group-id` and `--tags` send with CreateStack and UpdateStack.
 */
export interface StackOptions {
  /** Template parameters (`Parameters.N.ParameterKey/ParameterValue`). @default - none (the template's defaults) */
  readonly parameters?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  /**
   * `UsePreviousParameters` (UpdateStack only): template parameters not in
   * {@link parameters} keep the stack's previous values instead of taking
   * their defaults. ROS applies it to the whole stack; `parametersForUpdate` (stack-parameters.ts)
   * sends it only with every parameter but the kept NoEcho ones given explicitly.
   * @default false (not sent: parameters not given take the template's defaults)
   */
  readonly usePreviousParameters?: boolean;
  /** `DisableRollback`: keep the resources of a failed operation for inspection. @default - not sent (ROS rolls back) */
  readonly disableRollback?: boolean;
  /** `ResourceGroupId`: the resource group of the stack. @default - not sent (the account's default group) */
  readonly resourceGroupId?: string;
  /** Stack tags (`Tags.N.Key/Value`), which ROS passes on to the resources that take tags. @default - none */
  readonly tags?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
}

/** The request fields of {@link StackOptions}, for CreateStackRequest and UpdateStackRequest. */
function optionFields(options: StackOptions): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (options.parameters?.length) {
    fields.parameters = options.parameters.map((p) => ({ parameterKey: p.key, parameterValue: p.value }));
  }
  if (options.disableRollback) fields.disableRollback = true;
  if (options.usePreviousParameters) fields.usePreviousParameters = true;
  if (options.resourceGroupId !== undefined) fields.resourceGroupId = options.resourceGroupId;
  if (options.tags?.length) fields.tags = options.tags.map((t) => ({ key: t.key, value: t.value }));
  return fields;
}

/** The ROS code and message start that mean "UpdateStack with an identical template". */
export const NOT_MODIFIED = { code: 'NotSupported', message: 'Update the completely same stack' } as const;

/**
 * True for the error ROS returns when UpdateStack gets the template the stack
 * already has: HTTP 400, code `NotSupported`, message "Update the completely
 * same stack is not supported" (handled the same way by the ros-cdk CLI, which
 * reports it as "no need to update").
 */
export function isNotModified(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === NOT_MODIFIED.code && typeof e.message === 'string' && e.message.includes(NOT_MODIFIED.message);
}

/** The ROS calls of the command for one region and set of credentials. */
export class RosStacks {
  /** @param clients the SDK clients (their region is the stacks' region) */
  constructor(private readonly clients: CloudClients) {}

  /** The region. */
  public get region(): string {
    return this.clients.region;
  }

  /**
   * The live stack of that name (ListStacks filters deleted ones out), if any.
   */
  public async find(stackName: string): Promise<RemoteStack | undefined> {
    const body = await this.clients.rosCall((ros) =>
      ros.listStacks(
        new $ros.ListStacksRequest({
          regionId: this.region,
          stackName: [stackName],
          pageNumber: 1,
          pageSize: 50,
        }),
      ),
    );
    const match = (body.stacks ?? []).find((s) => s.stackName === stackName && s.status !== 'DELETE_COMPLETE');
    return match
      ? { stackId: match.stackId ?? '', stackName, status: match.status ?? '', statusReason: match.statusReason }
      : undefined;
  }

  /** GetStack: the stack's current status. */
  public async get(stackId: string): Promise<RemoteStack & { outputs: StackOutput[] }> {
    const body = await this.clients.rosCall((ros) =>
      ros.getStack(new $ros.GetStackRequest({ regionId: this.region, stackId })),
    );
    const outputs = (body.outputs ?? []).map((o) => ({
      key: String(o.OutputKey ?? ''),
      value: outputText(o.OutputValue),
    }));
    return {
      stackId,
      stackName: body.stackName ?? '',
      status: body.status ?? '',
      statusReason: body.statusReason,
      outputs,
    };
  }

  /**
   * CreateStack with the template text as is. A fresh ClientToken makes a
   * retried request idempotent. Rollback stays on (ROS default) unless `options` turn it off.
   * @param options the ROS controls of the command line
   * @returns the new stack's ID
   */
  public async create(stackName: string, templateBody: string, options: StackOptions = {}): Promise<string> {
    const clientToken = crypto.randomUUID();
    const body = await this.clients.rosCall((ros) =>
      ros.createStack(
        new $ros.CreateStackRequest({
          regionId: this.region,
          stackName,
          templateBody,
          clientToken,
          ...optionFields({ ...options, usePreviousParameters: false }),
        }),
      ),
    );
    return body.stackId ?? '';
  }

  /**
   * UpdateStack with the template text as is.
   * @param options the ROS controls of the command line
   * @returns false when ROS says the template is the one the stack already has
   */
  public async update(stackId: string, templateBody: string, options: StackOptions = {}): Promise<boolean> {
    const clientToken = crypto.randomUUID();
    try {
      await this.clients.rosCall((ros) =>
        ros.updateStack(
          new $ros.UpdateStackRequest({
            regionId: this.region,
            stackId,
            templateBody,
            clientToken,
            ...optionFields(options),
          }),
        ),
      );
      return true;
    } catch (e) {
      if (isNotModified(e)) return false;
      throw e;
    }
  }

  /** GetTemplate: the template the stack was last deployed with, parsed. */
  public async template(stackId: string): Promise<Record<string, unknown>> {
    const body = await this.clients.rosCall((ros) =>
      ros.getTemplate(new $ros.GetTemplateRequest({ regionId: this.region, stackId })),
    );
    const raw = body.templateBody ?? '{}';
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      // ROS also keeps YAML templates; ours are JSON, so the stack was last deployed by something else.
      throw new CliError(
        `the deployed template of stack ${stackId} is not JSON (deployed with another tool?): cannot compare it; look at it in the ROS console`,
      );
    }
  }

  /** DeleteStack (resources with DeletionPolicy Retain stay). */
  public async delete(stackId: string): Promise<void> {
    await this.clients.rosCall((ros) =>
      ros.deleteStack(new $ros.DeleteStackRequest({ regionId: this.region, stackId })),
    );
  }

  /**
   * The stack's events, oldest first (ListStackEvents, first pages).
   * @param pages how many pages of 50 to read at most
   */
  public async events(stackId: string, pages = 4): Promise<StackEvent[]> {
    const all: StackEvent[] = [];
    for (let page = 1; page <= pages; page++) {
      const body = await this.clients.rosCall((ros) =>
        ros.listStackEvents(
          new $ros.ListStackEventsRequest({
            regionId: this.region,
            stackId,
            pageNumber: page,
            pageSize: 50,
          }),
        ),
      );
      const events = body.events ?? [];
      for (const e of events) {
        all.push({
          eventId: e.eventId ?? '',
          logicalResourceId: e.logicalResourceId ?? '',
          resourceType: e.resourceType ?? '',
          status: e.status ?? '',
          statusReason: e.statusReason ?? '',
          createTime: e.createTime ?? '',
        });
      }
      if (events.length < 50 || all.length >= (body.totalCount ?? 0)) break;
    }
    // ROS lists the newest first; events of the same second keep their relative order.
    return all.reverse().sort((a, b) => (a.createTime < b.createTime ? -1 : a.createTime > b.createTime ? 1 : 0));
  }

  /**
   * PreviewStack: the resource changes the template would make, to the
   * existing stack (`stackId`) or to a new one (`stackName`).
   */
  public async preview(
    target: { stackId?: string; stackName: string },
    templateBody: string,
  ): Promise<ResourceChange[]> {
    const request = new $ros.PreviewStackRequest({
      regionId: this.region,
      templateBody,
      ...(target.stackId ? { stackId: target.stackId } : { stackName: target.stackName }),
    });
    const body = await this.clients.rosCall((ros) => ros.previewStack(request));
    return (body.stack?.resources ?? []).map((r) => ({
      logicalResourceId: r.logicalResourceId ?? '',
      resourceType: r.resourceType ?? '',
      action: r.action ?? (target.stackId ? 'None' : 'Add'),
      replacement: r.replacement,
    }));
  }
}

function outputText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
