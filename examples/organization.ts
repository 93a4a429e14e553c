/**
 * Organization audit: every account's events delivered to a MaxCompute project
 * in a separate log-archive account.
 *
 * - `OrgAudit`: one multi-account trail in the management account (two stacks:
 *   `OrgAudit-LogArchive`, then `OrgAudit-Management`).
 * - `OrgAuditRollout`: for organizations that cannot use a multi-account trail,
 *   a single-account trail in the management account plus one in every member
 *   account of a resource directory folder, rolled out by a ROS stack group
 *   (two stacks: `OrgAuditRollout-LogArchive`, then `OrgAuditRollout-Management`).
 *
 * The account and folder IDs are placeholders: replace them with yours.
 * Deploy each log-archive stack (in the log-archive account) before its
 * management stack (in the management account).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { OrganizationAudit } from 'actiontrail-cdk';

/** The blueprints this example adds to an app. */
export interface OrganizationAuditExample {
  /** One multi-account trail delivering to the log-archive account. */
  readonly multiAccountTrail: OrganizationAudit;
  /** Single-account trails rolled out to member accounts by a stack group. */
  readonly memberRollout: OrganizationAudit;
}

/** Adds the organization audit blueprints (four stacks) to `app`. */
export function organizationAudit(app: ros.App): OrganizationAuditExample {
  const multiAccountTrail = new OrganizationAudit(app, 'OrgAudit', {
    managementAccountId: '1111111111111111',
    logArchiveAccountId: '3333333333333333',
    region: 'cn-hangzhou',
    quota: 'os_PayAsYouGoQuota',
  });

  const memberRollout = new OrganizationAudit(app, 'OrgAuditRollout', {
    managementAccountId: '5555555555555555',
    logArchiveAccountId: '6666666666666666',
    region: 'cn-hangzhou',
    quota: 'os_PayAsYouGoQuota',
    memberRollout: {
      folderIds: ['fd-ExampleFolder'],
      // The delivery role trusts these member accounts by ID.
      memberAccountIds: ['7777777777777777', '8888888888888888'],
    },
  });

  return { multiAccountTrail, memberRollout };
}

if (require.main === module) {
  const app = new ros.App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
  organizationAudit(app);
  app.synth();
}
