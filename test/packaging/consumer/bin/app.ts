/**
 * A consumer's app for the packaging test (scripts/package-test.js): it uses
 * every public construct of actiontrail-cdk except the stack-group rollout
 * (MemberAccountTrails, OrganizationAudit's memberRollout), which needs the
 * optional peer @alicloud/ros-cdk-ros that this project does not install.
 */
import * as ros from '@alicloud/ros-cdk-core';
import {
  AuditChecks,
  declareTrustedAccounts,
  DeliveryDestination,
  EventRW,
  MaxComputeDestination,
  OrganizationAudit,
  RosAdvancedQueryTemplate,
  RosHistoryDeliveryJob,
  RosProject,
  RosTrail,
  RosTrailLogging,
  Trail,
  TrailRegion,
} from 'actiontrail-cdk';

const app = new ros.App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });

// This account's events into its own MaxCompute project.
const single = new ros.Stack(app, 'SingleAccount', { env: { region: 'cn-hangzhou' } });
const trail = new Trail(single, 'AuditTrail', {
  trailName: 'audit_all',
  eventRW: EventRW.ALL,
  trailRegion: TrailRegion.ALL,
  maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-hangzhou', quota: 'os_PayAsYouGoQuota' }),
});
trail.provider.addToPolicy({ actions: ['resourcemanager:GetResourceDirectory'], resources: ['*'] });
new ros.RosOutput(single, 'TrailArn', { value: trail.trailArn });

// Hand-wired cross-account delivery: a log-archive stack and a source stack.
const archiveStack = new ros.Stack(app, 'LogArchive', { env: { account: '3333333333333333', region: 'cn-hangzhou' } });
const archive = new DeliveryDestination(archiveStack, 'Archive', {
  sourceAccountIds: ['1111111111111111'],
  projectName: 'actiontrail_archive',
});
declareTrustedAccounts(archive.role, ['1111111111111111']);
const source = new ros.Stack(app, 'Source', { env: { account: '1111111111111111', region: 'cn-hangzhou' } });
new Trail(source, 'SourceTrail', {
  trailName: 'source_audit',
  maxCompute: MaxComputeDestination.anotherAccount({ projectArn: archive.projectArn, roleArn: archive.roleArn }),
});
source.addDependency(archiveStack);

// The organization pattern in one construct (no memberRollout).
new OrganizationAudit(app, 'OrgAudit', {
  managementAccountId: '5555555555555555',
  logArchiveAccountId: '6666666666666666',
  region: 'cn-hangzhou',
});

// The typed L1 resources.
const l1 = new ros.Stack(app, 'L1Resources', { env: { region: 'cn-hangzhou' } });
const slsTrail = new RosTrail(l1, 'SlsTrail', {
  name: 'sls_audit',
  eventRw: 'All',
  slsProjectArn: 'acs:log:cn-hangzhou:4444444444444444:project/audit-sls',
  slsWriteRoleArn: 'acs:ram::4444444444444444:role/aliyunserviceroleforactiontrail',
});
new RosTrailLogging(l1, 'SlsTrailLogging', { name: slsTrail.attrName, enable: true });
new RosHistoryDeliveryJob(l1, 'History', { trailName: slsTrail.attrName });
new RosAdvancedQueryTemplate(l1, 'Query', {
  simpleQuery: true,
  templateSql: "event.eventName = 'ConsoleSignin'",
  templateName: 'signins',
});
const project = new RosProject(l1, 'ReportsProject', { name: 'actiontrail_reports' });
project.applyRemovalPolicy(ros.RemovalPolicy.RETAIN);

AuditChecks.of(app);
app.synth();
