import * as ros from '@alicloud/ros-cdk-core';
import {
  DeliveryDestination,
  DeliveryDestinationProps,
  MaxComputeDestination,
  OrganizationAudit,
  ProjectIpWhitelist,
  Trail,
} from '../../lib';
import { validationError } from '../support/errors';
import { newApp, newStack, synthTemplate } from '../support/template';

function archive(props: Partial<DeliveryDestinationProps> = {}): ros.Stack {
  const stack = newStack('Archive', { region: 'cn-hangzhou', account: '3333333333333333' });
  new DeliveryDestination(stack, 'Archive', { sourceAccountIds: ['1111111111111111'], ...props });
  return stack;
}

describe('ipWhitelist', () => {
  test('off by default: no IpWhiteList is rendered', () => {
    expect(synthTemplate(archive()).Resources.ArchiveProject.Properties).not.toHaveProperty('IpWhiteList');
  });

  test('DeliveryDestination: both lists, comma-separated, in the order given', () => {
    const stack = archive({
      ipWhitelist: { ipList: ['192.0.2.10', '198.51.100.0/24'], vpcIpList: ['10.0.0.0/8', '2001:db8::/32'] },
    });
    expect(synthTemplate(stack).Resources.ArchiveProject.Properties.IpWhiteList).toEqual({
      IpList: '192.0.2.10,198.51.100.0/24',
      VpcIpList: '10.0.0.0/8,2001:db8::/32',
    });
  });

  test('thisAccount with createProject, and OrganizationAudit: one list only', () => {
    const stack = newStack();
    new Trail(stack, 'AuditTrail', {
      trailName: 'audit_all',
      maxCompute: MaxComputeDestination.thisAccount({
        createProject: true,
        ipWhitelist: { vpcIpList: ['10.1.0.0/16'] },
      }),
    });
    expect(synthTemplate(stack).Resources.ActionTrailProject.Properties.IpWhiteList).toEqual({
      VpcIpList: '10.1.0.0/16',
    });
    const audit = new OrganizationAudit(newApp(), 'OrgAudit', {
      managementAccountId: '1111111111111111',
      logArchiveAccountId: '3333333333333333',
      region: 'cn-hangzhou',
      projectIpWhitelist: { ipList: ['203.0.113.7'] },
    });
    expect(synthTemplate(audit.logArchiveStack).Resources.ArchiveProject.Properties.IpWhiteList).toEqual({
      IpList: '203.0.113.7',
    });
  });

  test.each<[ProjectIpWhitelist, string]>([
    [
      { ipList: ['192.0.2.300'] },
      "DeliveryDestination 'Archive/Archive': ipWhitelist.ipList[0] '192.0.2.300' is not an IPv4 or IPv6 address or CIDR block, e.g. 192.0.2.10 or 192.0.2.0/24",
    ],
    [
      { vpcIpList: ['10.0.0.0/8', '10.0.0.0/33'] },
      "DeliveryDestination 'Archive/Archive': ipWhitelist.vpcIpList[1] '10.0.0.0/33' has the prefix length '33', which must be a whole number from 1 to 32",
    ],
    [
      { ipList: ['0.0.0.0/0'] },
      "DeliveryDestination 'Archive/Archive': ipWhitelist.ipList[0] '0.0.0.0/0' allows every address (prefix length 0), which is no whitelist: leave ipWhitelist unset instead",
    ],
    [
      { ipList: ['192.0.2.1', '192.0.2.1'] },
      "DeliveryDestination 'Archive/Archive': ipWhitelist.ipList[1] '192.0.2.1' is listed twice: list each entry once",
    ],
    [
      { ipList: ['192.0.2.1/24/8'] },
      "DeliveryDestination 'Archive/Archive': ipWhitelist.ipList[0] '192.0.2.1/24/8' is not an IPv4 or IPv6 address or CIDR block, e.g. 192.0.2.10 or 192.0.2.0/24",
    ],
    [
      { ipList: ['192.0.2.1, 192.0.2.2'] },
      "DeliveryDestination 'Archive/Archive': ipWhitelist.ipList[0] '192.0.2.1, 192.0.2.2' is not an IPv4 or IPv6 address or CIDR block, e.g. 192.0.2.10 or 192.0.2.0/24",
    ],
    [
      { ipList: [] },
      "DeliveryDestination 'Archive/Archive': ipWhitelist.ipList is empty: list at least one IP address or CIDR block, or leave it out",
    ],
    [
      {},
      "DeliveryDestination 'Archive/Archive': ipWhitelist sets neither ipList nor vpcIpList: list addresses in at least one, or leave ipWhitelist unset",
    ],
  ])('bad input %j', (ipWhitelist, message) => {
    const e = validationError(() => archive({ ipWhitelist }));
    expect(e.message).toBe(message);
  });

  test('thisAccount: a whitelist without createProject, and two trails disagreeing on it', () => {
    const stack = newStack();
    expect(
      validationError(
        () =>
          new Trail(stack, 'A', {
            trailName: 'audit_all',
            maxCompute: MaxComputeDestination.thisAccount({ ipWhitelist: { ipList: ['192.0.2.1'] } }),
          }),
      ).message,
    ).toContain('maxCompute.ipWhitelist applies only when the library creates the project');
    new Trail(stack, 'B', {
      trailName: 'audit_b',
      maxCompute: MaxComputeDestination.thisAccount({ createProject: true }),
    });
    expect(
      validationError(
        () =>
          new Trail(stack, 'C', {
            trailName: 'audit_c',
            maxCompute: MaxComputeDestination.thisAccount({
              createProject: true,
              ipWhitelist: { ipList: ['192.0.2.1'] },
            }),
          }),
      ).message,
    ).toContain('(none), the whitelist another trail in this stack gave the shared project ActionTrailProject');
  });
});
