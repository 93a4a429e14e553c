/**
 * The live acceptance suite (`npm run test:live`, opt in with
 * ACTIONTRAIL_CDK_LIVE=1, as Terraform's TF_ACC): against a real account (or,
 * in CI, the stand-in through ACTIONTRAIL_CDK_ENDPOINT), with the
 * `actiontrail-cdk` command itself:
 *
 *   sweep earlier leftovers -> preflight -> deploy a sandbox app -> status
 *   --wait-for-delivery --schema -> settings update -> drift repair (a trail
 *   stopped by hand, then deploy) -> alerts: the events the kit caused (that
 *   StopLogging, and a RAM CreatePolicy/DeletePolicy of a kit-owned policy)
 *   reach the rules of the kit's probe (an AuditAlerts with an MNS queue
 *   target) and that queue -> rename -> deploy again (no changes) ->
 *   a forged Delete sent to the provider with fc:InvokeFunction, which must
 *   change nothing -> destroy -> sweep (nothing may be left)
 *
 * Every name carries a unique prefix (`atcdklive` + 6 hex characters); the
 * sweeper removes stacks and trails whose names start with `atcdklive` that an
 * earlier failed run left behind (the MaxCompute project, retained by design,
 * stays). It writes live-report.json: each step's time and outcome, the
 * MaxCompute table schema, and the answer to each item of README "What is not
 * known" that a run can answer. docs/testing.md "Live tests" lists the
 * environment variables.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomBytes } from 'crypto';
import * as ros from '@alicloud/ros-cdk-core';
import OpenApiClient, { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import * as $ros from '@alicloud/ros20190910';
import { EventRW, MaxComputeDestination, Trail } from '../../lib';
import { runCli } from '../../cli/src/main';
import { CloudClients } from '../../cli/src/clients';
import { CredentialProfiles } from '../../cli/src/credentials';
import { endpointOverride } from '../../cli/src/endpoint';
import { Redactor } from '../../lib/shared/redact';
import { AlertTarget, AuditAlerts } from '../../lib/alerts';
import { ALERT_METADATA_KEY, DEFAULT_EVENT_BUS, EVENT_BRIDGE_RULE_TYPE } from '../../lib/shared/event-patterns';

/** The prefix of every name the suite creates, and of what the sweeper removes. */
export const LIVE_BASE_PREFIX = 'atcdklive';

/** One step of the run. */
export interface LiveStep {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly detail: string;
}

/** What live-report.json holds. */
export interface LiveReport {
  readonly version: 1;
  readonly startedAt: string;
  readonly target: 'real account' | 'endpoint override';
  readonly prefix: string;
  readonly region: string;
  readonly account?: string;
  readonly ok: boolean;
  readonly steps: LiveStep[];
  /** The MaxCompute table's columns as GetTableInfo returned them (status --schema). */
  readonly schema?: unknown;
  /** README "What is not known": each item and what this run observed (null: not answered by this run). */
  readonly unknowns: Record<string, { readonly answer: string | null; readonly evidence: string }>;
}

/** Options of {@link runLiveSuite}. */
export interface LiveOptions {
  /** The environment (ACTIONTRAIL_CDK_LIVE_*, ACTIONTRAIL_CDK_ENDPOINT, credentials variables). */
  readonly env: NodeJS.ProcessEnv;
  /** Where the report goes. @default live-report.json in the working directory */
  readonly reportFile: string;
  /** Progress lines. */
  readonly log: (line: string) => void;
}

/** Collects what a command prints, and echoes it to the log. */
function sink(log: (l: string) => void): NodeJS.WritableStream & { text: string; isTTY: false } {
  const s = {
    text: '',
    isTTY: false as const,
    write(chunk: string | Uint8Array): boolean {
      const t = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      s.text += t;
      for (const line of t.split('\n').filter((l) => l !== '')) log(`    | ${line}`);
      return true;
    },
  };
  return s as unknown as NodeJS.WritableStream & { text: string; isTTY: false };
}

/** The detections of the kit's probe: the tamper detection (StopLogging of its trail) and CIS 2.10 (RAM, a global service). */
export const PROBE_DETECTIONS = ['AT-DETECT-TAMPER', 'AT-DETECT-RAM-POLICY'];

/** One probe rule as synthesized: its `RuleName`, detection and event names (from the template). */
export interface ProbeRule {
  readonly name: string;
  readonly detection: string;
  readonly eventNames: string[];
}

/**
 * The probe of the alert tier in the sandbox stack, built as users build
 * theirs: an MNS queue the kit owns and an `AuditAlerts` over the sandbox
 * trail, restricted to {@link PROBE_DETECTIONS}, whose one target is that
 * queue (`AlertTarget.mnsQueue`). So the run proves that what `AuditAlerts`
 * synthesizes (patterns, rule names, the target and its message) passes
 * preflight, deploys, and carries a real event to its target. The rule names
 * derive from the trail's name, which carries the run's prefix; destroy
 * removes them with the stack.
 */
function addProbe(stack: ros.Stack, trail: Trail, prefix: string): void {
  const queueName = `${prefix}-probe`;
  const queue = new ros.RosResource(stack, 'ProbeQueue', {
    type: 'ALIYUN::MNS::Queue',
    properties: { QueueName: queueName },
  });
  const alerts = new AuditAlerts(stack, 'Probe', {
    trail,
    detections: PROBE_DETECTIONS,
    targets: [AlertTarget.mnsQueue({ queueName })],
  });
  // EventBridge may check the queue when the rule's target is created.
  for (const rule of alerts.rules) rule.resource.addDependsOn(queue);
}

/** The probe rules of a synthesized sandbox (read from its template, as preflight and status read them). */
export function probeRulesOf(dir: string, stackName: string): ProbeRule[] {
  const template = JSON.parse(fs.readFileSync(path.join(dir, `${stackName}.template.json`), 'utf8')) as {
    Resources: Record<
      string,
      { Type: string; Properties?: { RuleName?: unknown }; Metadata?: Record<string, unknown> }
    >;
  };
  return Object.values(template.Resources)
    .filter((r) => r.Type === EVENT_BRIDGE_RULE_TYPE)
    .map((r) => {
      const meta = r.Metadata?.[ALERT_METADATA_KEY] as { detection: string; eventNames: string[] };
      return { name: String(r.Properties?.RuleName), detection: meta.detection, eventNames: meta.eventNames };
    });
}

/** The probe rule whose pattern lists `eventName`. */
function probeFor(probes: ProbeRule[], eventName: string): ProbeRule {
  const found = probes.find((p) => p.eventNames.includes(eventName));
  if (!found) throw new Error(`no probe rule lists ${eventName}: ${probes.map((p) => p.name).join(', ')}`);
  return found;
}

/** Synthesizes one version of the sandbox app into a fresh directory. */
function synthSandbox(
  dir: string,
  region: string,
  stackName: string,
  trailName: string,
  eventRW: EventRW,
  ipWhitelist?: string[],
  prefix?: string,
  account?: string,
): string {
  const app = new ros.App({ outdir: dir, stackTraces: false });
  const stack = new ros.Stack(app, stackName, {
    // The account, when STS gave it, is literal, as in the examples: AlertTarget.mnsQueue's endpoint
    // names it (with a deploy-time account it renders wrong today: see the report of this change).
    env: { region, ...(account !== undefined ? { account } : {}) },
    description: 'actiontrail-cdk live test sandbox (removed by the run, or by the sweeper of the next run)',
  });
  const trail = new Trail(stack, 'SandboxTrail', {
    trailName,
    eventRW,
    // The project is encrypted (the library's default), so delivery below proves ActionTrail writes into an
    // encrypted project; ACTIONTRAIL_CDK_LIVE_IP_WHITELIST adds a whitelist, to see whether it blocks delivery.
    maxCompute: MaxComputeDestination.thisAccount({
      region,
      quota: 'os_PayAsYouGoQuota',
      ...(ipWhitelist ? { ipWhitelist: { ipList: ipWhitelist } } : {}),
    }),
  });
  if (prefix !== undefined) addProbe(stack, trail, prefix);
  app.synth();
  return dir;
}

/**
 * Runs the suite and writes the report.
 * @returns 0 when every step passed, else 1
 */
export async function runLiveSuite(options: LiveOptions): Promise<number> {
  const { env, log } = options;
  const region = env.ACTIONTRAIL_CDK_LIVE_REGION || 'cn-hangzhou';
  const profile = env.ACTIONTRAIL_CDK_LIVE_PROFILE || undefined;
  const waitMinutes = env.ACTIONTRAIL_CDK_LIVE_WAIT_MINUTES || '30';
  const prefix = env.ACTIONTRAIL_CDK_LIVE_PREFIX || `${LIVE_BASE_PREFIX}${randomBytes(3).toString('hex')}`;
  if (!new RegExp(`^${LIVE_BASE_PREFIX}[a-z0-9]{1,12}$`).test(prefix)) {
    throw new Error(`ACTIONTRAIL_CDK_LIVE_PREFIX '${prefix}' must be ${LIVE_BASE_PREFIX} and 1-12 of a-z0-9`);
  }
  const stackName = `${prefix}-sandbox`;
  const trailName = `${prefix}_trail`;
  const renamed = `${prefix}_moved`;
  const endpoint = endpointOverride(env);
  const steps: LiveStep[] = [];
  const unknowns: LiveReport['unknowns'] = {};
  let schema: unknown;
  let account: string | undefined;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atcdk-live-'));
  const profileFlags = profile ? ['--profile', profile] : [];
  const cli = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    log(`  $ actiontrail-cdk ${[...args, ...profileFlags].join(' ')}`);
    const stdout = sink(log);
    const stderr = sink(log);
    const code = await runCli([...args, ...profileFlags], {
      stdout,
      stderr,
      stdin: Object.assign(process.stdin, {}) as never,
      cwd: work,
      env,
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };
  const step = async (name: string, body: () => Promise<string>): Promise<boolean> => {
    log(`- ${name}`);
    const start = Date.now();
    try {
      const detail = await body();
      steps.push({ name, ok: true, ms: Date.now() - start, detail });
      return true;
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      log(`  FAILED: ${detail}`);
      steps.push({ name, ok: false, ms: Date.now() - start, detail });
      return false;
    }
  };
  const expectExit = (r: { code: number; stderr: string }, what: string, code = 0): void => {
    if (r.code !== code)
      throw new Error(`${what} exited ${r.code} (expected ${code}): ${r.stderr.trim().split('\n').at(-1) ?? ''}`);
  };

  // Credentials and clients for the sweeper, the hand-made drift and the forged event.
  const credentials = new CredentialProfiles(new Map(), new Redactor(), profile);
  const clients = async (): Promise<CloudClients> =>
    new CloudClients((await credentials.forAccount(undefined)).credential, region, endpoint, {
      baseDelayMs: Number(env.ACTIONTRAIL_CDK_RETRY_BASE_MS || 1000),
    });

  const ipWhitelist = env.ACTIONTRAIL_CDK_LIVE_IP_WHITELIST
    ? env.ACTIONTRAIL_CDK_LIVE_IP_WHITELIST.split(',').map((x) => x.trim())
    : undefined;
  // The three versions of the sandbox app, synthesized once the sweep step has asked STS for the account.
  let v1 = '';
  let v2 = '';
  let v3 = '';
  const synthVersions = (): void => {
    v1 = synthSandbox(path.join(work, 'v1'), region, stackName, trailName, EventRW.ALL, ipWhitelist, prefix, account);
    v2 = synthSandbox(path.join(work, 'v2'), region, stackName, trailName, EventRW.WRITE, ipWhitelist, prefix, account);
    v3 = synthSandbox(path.join(work, 'v3'), region, stackName, renamed, EventRW.WRITE, ipWhitelist, prefix, account);
  };
  // Events the kit causes are looked for from a little before the run (clock skew) until the step gives up.
  const eventsSince = Date.now() - 10 * 60_000;
  const eventWaitMs = Number(env.ACTIONTRAIL_CDK_LIVE_EVENT_WAIT_MINUTES || 10) * 60_000;
  const eventPollMs = Number(env.ACTIONTRAIL_CDK_LIVE_EVENT_POLL_MS || 15_000);

  try {
    await step('sweep: remove what earlier runs left behind', async () => {
      const c = await clients();
      account = String((await c.rpc('sts', 'GetCallerIdentity')).AccountId);
      return sweep(c, LIVE_BASE_PREFIX, log);
    });
    synthVersions();

    await step('preflight', async () => {
      const r = await cli(['preflight', '--app', v1, '--json']);
      const doc = JSON.parse(r.stdout) as {
        checks: Array<{ check: string; subject: string; status: string; message: string }>;
      };
      const quota = doc.checks.find((c) => c.check === 'maxcompute.quota');
      unknowns['ListQuotas lists the pay-as-you-go quota os_PayAsYouGoQuota'] = {
        answer: quota?.status === 'ok' ? 'yes' : quota?.status === 'could-not-check' ? 'no' : null,
        evidence: quota ? `${quota.status}: ${quota.message}` : 'no check',
      };
      expectExit(r, 'preflight');
      return `${doc.checks.length} checks, none FAILED`;
    });

    const deployed = await step('deploy the sandbox app', async () => {
      expectExit(await cli(['deploy', '--app', v1, '--yes', '--require-approval', 'never']), 'deploy');
      return `stack ${stackName}, trail ${trailName}`;
    });
    if (!deployed) throw new Error('deploy failed: the later steps need the sandbox');

    await step(`status --wait-for-delivery ${waitMinutes} --schema`, async () => {
      const start = Date.now();
      const r = await cli(['status', '--app', v1, '--wait-for-delivery', waitMinutes, '--schema', '--json']);
      const doc = JSON.parse(r.stdout) as {
        stacks: Array<{ trails: Array<{ delivery?: { state: string; message: string; schema?: unknown } }> }>;
      };
      const delivery = doc.stacks[0]?.trails[0]?.delivery;
      schema = delivery?.schema;
      unknowns['The MaxCompute table schema (columns, partitions)'] = {
        answer: schema === undefined ? null : JSON.stringify(schema),
        evidence: delivery?.message ?? 'no delivery report',
      };
      unknowns['How long ActionTrail takes to create the MaxCompute table'] = {
        answer:
          delivery?.state === 'delivering'
            ? `at most ${Math.ceil((Date.now() - start) / 60_000)} min after deploy`
            : null,
        evidence: delivery?.message ?? 'no delivery report',
      };
      expectExit(r, 'status');
      return delivery?.message ?? 'no MaxCompute delivery reported';
    });

    await step('settings update (EventRW Write)', async () => {
      expectExit(await cli(['deploy', '--app', v2, '--yes', '--require-approval', 'never']), 'deploy');
      const r = await cli(['status', '--app', v2, '--json']);
      const doc = JSON.parse(r.stdout) as { stacks: Array<{ trails: Array<{ drift: string[] }> }> };
      const drift = doc.stacks[0]?.trails[0]?.drift ?? ['no trail'];
      if (drift.length > 0)
        throw new Error(`after the update the trail differs from the template: ${drift.join('; ')}`);
      return 'EventRW Write, no drift';
    });

    await step('drift repair: stop the trail by hand, then deploy the unchanged template', async () => {
      const c = await clients();
      await c.rpc('actiontrail', 'StopLogging', { Name: trailName });
      const r = await cli(['deploy', '--app', v2, '--yes', '--require-approval', 'never']);
      expectExit(r, 'deploy');
      const status = await c.rpc('actiontrail', 'GetTrailStatus', { Name: trailName, IsOrganizationTrail: false });
      const logging = status.IsLogging === true || status.IsLogging === 'true';
      unknowns['ROS runs a custom resource Update when only a stack parameter it reads changes'] = {
        answer: logging ? 'yes' : 'no',
        evidence: r.stdout.includes('UpdateStack with ActionTrailCdkConverge')
          ? `deploy sent the parameter; the trail is ${logging ? '' : 'NOT '}logging afterwards`
          : 'deploy did not see the drift',
      };
      if (!logging) throw new Error('the trail is still not logging after deploy');
      return 'logging again';
    });

    await step('alerts: the events the kit caused reach its probe rules and their MNS queue', async () => {
      const c = await clients();
      const probes = probeRulesOf(v2, stackName);
      const trailProbe = probeFor(probes, 'StopLogging');
      const ramProbe = probeFor(probes, 'CreatePolicy');
      // A RAM write the kit causes on a resource it owns and nothing uses: a policy attached to nothing.
      const policy = `${prefix}probe`;
      await c.rpc('ram', 'CreatePolicy', {
        PolicyName: policy,
        PolicyDocument: JSON.stringify({
          Version: '1',
          Statement: [{ Effect: 'Deny', Action: ['ram:GetUser'], Resource: ['acs:ram:*:*:user/atcdklive-none'] }],
        }),
        Description: 'actiontrail-cdk live test probe: deleted by the same run, or by the sweeper of the next one',
      });
      await c.rpc('ram', 'DeletePolicy', { PolicyName: policy });
      const deadline = Date.now() + eventWaitMs;
      let trailSeen: Observed | undefined;
      let ramSeen: Observed | undefined;
      for (;;) {
        trailSeen = trailSeen?.delivered ? trailSeen : await observe(c, trailProbe.name, eventsSince);
        ramSeen = ramSeen?.delivered ? ramSeen : await observe(c, ramProbe.name, eventsSince);
        if ((trailSeen.delivered && ramSeen.delivered) || Date.now() >= deadline) break;
        await new Promise((r) => setTimeout(r, eventPollMs));
      }
      const minutes = Math.round(eventWaitMs / 60_000);
      unknowns[
        'An ActionTrail write event (StopLogging) reaches an EventBridge rule on the default bus of the trail home region, matched by type suffix :ActionTrail:ApiCall and data.eventName'
      ] = {
        answer: trailSeen.delivered ? `yes (${region})` : trailSeen.matched ? 'matched, not delivered' : null,
        evidence: trailSeen.evidence,
      };
      unknowns["Which region's EventBridge bus receives global (RAM) events"] = {
        answer: ramSeen.delivered || ramSeen.matched ? region : null,
        evidence: ramSeen.matched
          ? ramSeen.evidence
          : `no RAM CreatePolicy/DeletePolicy event matched ${ramProbe.name} on the default bus of ${region} within ${minutes} min: not this region's bus, or a type other than *:ActionTrail:ApiCall (the global events storage region, ap-southeast-1 by default, is the next suspect: run the kit with ACTIONTRAIL_CDK_LIVE_REGION=ap-southeast-1)`,
      };
      if (!trailSeen.delivered) {
        throw new Error(
          `the StopLogging of ${trailName} did not reach the kit's queue through ${trailProbe.name} within ${minutes} min: ${trailSeen.evidence}`,
        );
      }
      return `${trailSeen.evidence}; RAM: ${ramSeen.evidence}`;
    });

    await step('rename the trail', async () => {
      expectExit(await cli(['deploy', '--app', v3, '--yes', '--require-approval', 'never']), 'deploy');
      const trails = await (
        await clients()
      ).rpc('actiontrail', 'DescribeTrails', { NameList: `${trailName},${renamed}` });
      const names = ((trails.TrailList ?? []) as Array<{ Name?: string }>).map((t) => t.Name);
      if (!names.includes(renamed) || names.includes(trailName))
        throw new Error(`trails after the rename: ${names.join(', ')}`);
      return `${trailName} -> ${renamed}`;
    });

    await step('deploy again: no changes', async () => {
      const r = await cli(['deploy', '--app', v3, '--yes', '--require-approval', 'never']);
      expectExit(r, 'deploy');
      const same = r.stdout.includes('no changes (ROS: the template is the one the stack already has)');
      unknowns[
        'ROS answers UpdateStack with an identical template with NotSupported "Update the completely same stack"'
      ] = {
        answer: same ? 'yes' : 'no',
        evidence: same
          ? 'deploy reported no changes'
          : r.stdout
              .split('\n')
              .filter((l) => l.includes(stackName))
              .join(' / '),
      };
      if (!same) throw new Error('the second deploy did not report "no changes"');
      return 'no changes';
    });

    await step('a forged Delete sent with fc:InvokeFunction changes nothing', async () => {
      const template = JSON.parse(fs.readFileSync(path.join(v3, `${stackName}.template.json`), 'utf8')) as {
        Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
      };
      const fn = Object.values(template.Resources).find((r) => r.Type === 'ALIYUN::FC3::Function');
      const functionName = String(fn?.Properties.FunctionName);
      const event = {
        RequestType: 'Delete',
        ResponseURL: 'https://example.invalid/forged',
        StackId: 'forged-stack',
        StackName: stackName,
        RequestId: 'forged-request',
        ResourceType: 'Custom::ActionTrailTrail',
        LogicalResourceId: 'SandboxTrail',
        PhysicalResourceId: renamed,
        ResourceProperties: { Name: renamed },
      };
      const answer = await invokeFunction(
        await credentials.forAccount(undefined),
        account ?? '',
        region,
        endpoint,
        functionName,
        event,
      );
      const trails = await (await clients()).rpc('actiontrail', 'DescribeTrails', { NameList: renamed });
      const still = ((trails.TrailList ?? []) as Array<{ Name?: string }>).some((t) => t.Name === renamed);
      if (!still) throw new Error(`the trail ${renamed} is gone after a forged Delete`);
      return `trail ${renamed} still exists (${answer})`;
    });
  } catch (e) {
    log(`  stopping: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await step('destroy', async () => {
      expectExit(await cli(['destroy', '--all', '--force', '--app', v3]), 'destroy');
      return `stack ${stackName} deleted`;
    });
    await step('sweep: nothing of this run is left', async () => {
      const left = await sweep(await clients(), prefix, log);
      if (left !== 'nothing to remove') throw new Error(`left behind: ${left}`);
      return left;
    });
    fs.rmSync(work, { recursive: true, force: true });
  }
  unknowns['The hosts of ROS ResponseURLs'] = {
    answer: null,
    evidence: 'not visible to the command: read RESPONSE_URL hosts in the provider function logs (FC console)',
  };
  const report: LiveReport = {
    version: 1,
    startedAt: new Date(Date.now() - steps.reduce((a, s) => a + s.ms, 0)).toISOString(),
    target: endpoint ? 'endpoint override' : 'real account',
    prefix,
    region,
    account,
    ok: steps.every((s) => s.ok),
    steps,
    schema,
    unknowns,
  };
  fs.writeFileSync(options.reportFile, `${JSON.stringify(report, undefined, 2)}\n`);
  log(`live: ${steps.filter((s) => s.ok).length}/${steps.length} steps passed; report ${options.reportFile}`);
  return report.ok ? 0 : 1;
}

/**
 * Deletes every ROS stack and ActionTrail trail in the region whose name
 * starts with `prefix` (stacks first: their trails go with them).
 * @returns what it removed, or `nothing to remove`
 */
export async function sweep(c: CloudClients, prefix: string, log: (l: string) => void): Promise<string> {
  const removed: string[] = [];
  const stacks: Array<{ id: string; name: string }> = [];
  for (let page = 1; page <= 20; page++) {
    const body = await c.rosCall((r) =>
      r.listStacks(new $ros.ListStacksRequest({ regionId: c.region, pageNumber: page, pageSize: 50 })),
    );
    for (const s of body.stacks ?? []) {
      if (s.stackName?.startsWith(prefix) && s.status !== 'DELETE_COMPLETE')
        stacks.push({ id: s.stackId ?? '', name: s.stackName });
    }
    if ((body.stacks ?? []).length < 50) break;
  }
  for (const s of stacks) {
    log(`  sweeper: deleting stack ${s.name}`);
    await c.rosCall((r) => r.deleteStack(new $ros.DeleteStackRequest({ regionId: c.region, stackId: s.id })));
    for (let i = 0; i < 240; i++) {
      const got = await c.rosCall((r) => r.getStack(new $ros.GetStackRequest({ regionId: c.region, stackId: s.id })));
      if (got.status === 'DELETE_COMPLETE' || got.status === 'DELETE_FAILED') break;
      await new Promise((r) => setTimeout(r, Number(process.env.ACTIONTRAIL_CDK_POLL_INTERVAL_MS || 5000)));
    }
    removed.push(`stack ${s.name}`);
  }
  // Custom RAM policies of the alerts probe (they are attached to nothing).
  let marker: string | undefined;
  for (let page = 0; page < 20; page++) {
    const listed = await c.rpc('ram', 'ListPolicies', {
      PolicyType: 'Custom',
      MaxItems: 100,
      ...(marker ? { Marker: marker } : {}),
    });
    const policies = ((listed.Policies as { Policy?: unknown } | undefined)?.Policy ?? []) as Array<{
      PolicyName?: string;
    }>;
    for (const p of policies) {
      if (typeof p.PolicyName === 'string' && p.PolicyName.startsWith(prefix)) {
        log(`  sweeper: deleting RAM policy ${p.PolicyName}`);
        await c.rpc('ram', 'DeletePolicy', { PolicyName: p.PolicyName });
        removed.push(`RAM policy ${p.PolicyName}`);
      }
    }
    marker = listed.IsTruncated === true || listed.IsTruncated === 'true' ? String(listed.Marker ?? '') : undefined;
    if (!marker) break;
  }
  const described = await c.rpc('actiontrail', 'DescribeTrails', { IncludeOrganizationTrail: true });
  for (const t of (described.TrailList ?? []) as Array<{ Name?: string }>) {
    if (typeof t.Name === 'string' && t.Name.startsWith(prefix)) {
      log(`  sweeper: deleting trail ${t.Name}`);
      await c.rpc('actiontrail', 'DeleteTrail', { Name: t.Name });
      removed.push(`trail ${t.Name}`);
    }
  }
  return removed.length ? removed.join(', ') : 'nothing to remove';
}

/** What the event tracing of the default bus showed for one probe rule. */
interface Observed {
  /** An event matched the rule. */
  readonly matched: boolean;
  /** A trace of one shows its delivery to the rule's target. */
  readonly delivered: boolean;
  /** What was seen, for the report. */
  readonly evidence: string;
}

/**
 * Looks for the events a probe rule matched and their delivery to its target,
 * with EventBridge event tracing (2020-04-01): `QueryTracedEvents`
 * (`EventBusName`, `StartTime`, `EndTime` in ms, `MatchedRule`, `Limit`; the
 * "query by time range" mode the docs give for the system bus) answers
 * `Data.Events[]` with `EventId`; `QueryEventTraces` (`EventBusName`,
 * `EventId`) answers the traces of one event. The trace fields read here
 * (`RuleName`, `Endpoint`, `NotifyStatus`, `Action`) are those of the SDK
 * models; a trace of the rule counts as delivered when its `NotifyStatus` is
 * a 2xx code or says success. Which fields a real answer fills is one of the
 * things this step records (`evidence`).
 * Sources: https://www.alibabacloud.com/help/en/eventbridge/developer-reference/api-eventbridge-2020-04-01-querytracedevents,
 * https://www.alibabacloud.com/help/en/eventbridge/developer-reference/api-eventbridge-2020-04-01-queryeventtraces,
 * https://www.alibabacloud.com/help/en/doc-detail/176281.htm (event tracking).
 */
async function observe(c: CloudClients, rule: string, since: number): Promise<Observed> {
  const body = await c.rpc('eventbridge', 'QueryTracedEvents', {
    EventBusName: DEFAULT_EVENT_BUS,
    StartTime: since,
    EndTime: Date.now() + 60_000,
    MatchedRule: rule,
    Limit: 100,
  });
  const events = (
    ((body.Data as { Events?: unknown } | undefined)?.Events ?? []) as Array<Record<string, unknown>>
  ).filter((e) => typeof e.EventId === 'string');
  if (events.length === 0) return { matched: false, delivered: false, evidence: `no event matched ${rule} yet` };
  for (const e of events) {
    const traced = await c.rpc('eventbridge', 'QueryEventTraces', {
      EventBusName: DEFAULT_EVENT_BUS,
      EventId: String(e.EventId),
    });
    const data = traced.Data as unknown;
    const traces = (Array.isArray(data) ? data : ((data as { Traces?: unknown } | undefined)?.Traces ?? [])) as Array<
      Record<string, unknown>
    >;
    const ok = traces.find(
      (t) => t.RuleName === rule && /^(2\d\d|success|succeed(ed)?|ok)$/i.test(String(t.NotifyStatus ?? '')),
    );
    if (ok) {
      return {
        matched: true,
        delivered: true,
        evidence: `event ${String(e.EventId)} (${String(e.EventType ?? 'type not given')}) matched ${rule} and was delivered to ${String(ok.Endpoint ?? 'its target')} (NotifyStatus ${String(ok.NotifyStatus)})`,
      };
    }
  }
  return {
    matched: true,
    delivered: false,
    evidence: `${events.length} event(s) matched ${rule} (types ${[...new Set(events.map((e) => String(e.EventType)))].join(', ')}), no delivered trace yet`,
  };
}

/**
 * Function Compute 3.0 InvokeFunction (ROA, `POST /2023-03-30/functions/{functionName}/invocations`,
 * endpoint `<account>.<region>.fc.aliyuncs.com`), synchronous.
 */
async function invokeFunction(
  resolved: { credential: ConstructorParameters<typeof CloudClients>[0] },
  account: string,
  region: string,
  endpoint: ReturnType<typeof endpointOverride>,
  functionName: string,
  event: unknown,
): Promise<string> {
  const client = new OpenApiClient(
    new $OpenApiUtil.Config({
      credential: resolved.credential,
      regionId: region,
      endpoint: endpoint?.host ?? `${account}.${region}.fc.aliyuncs.com`,
      protocol: endpoint?.protocol ?? 'https',
    }),
  );
  const params = new $OpenApiUtil.Params({
    action: 'InvokeFunction',
    version: '2023-03-30',
    protocol: 'HTTPS',
    pathname: `/2023-03-30/functions/${encodeURIComponent(functionName)}/invocations`,
    method: 'POST',
    authType: 'AK',
    style: 'ROA',
    reqBodyType: 'json',
    bodyType: 'string',
  });
  const request = new $OpenApiUtil.OpenApiRequest({
    headers: { 'x-fc-invocation-type': 'Sync' },
    body: event,
    query: OpenApiUtil.query({}),
  });
  try {
    const response = await client.callApi(params, request, {} as Parameters<OpenApiClient['callApi']>[2]);
    return `the function answered ${String(response?.statusCode ?? '')}`.trim();
  } catch (e) {
    return `InvokeFunction failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}
