import * as ros from '@alicloud/ros-cdk-core';
import { RosTrail, RosTrailProps } from '../../lib/ros';
import { expectRejected, stringParam } from '../support/ros';
import { newStack, synthTemplate } from '../support/template';

const TYPE = 'ALIYUN::ACTIONTRAIL::Trail';
/** A destination, so that the "OSS or SLS" rule holds where a test is about something else. */
const OSS = { ossBucketName: 'audit-bucket' };
const NAME_RULE = "must match /^[A-Za-z][A-Za-z0-9_-]*$/ (a letter first, then letters, digits, '-' or '_')";
const BUCKET_RULE =
  "must match /^[a-z0-9][a-z0-9-]*$/ (a lowercase letter or digit first, then lowercase letters, digits or '-')";
const PREFIX_RULE = "must match /^[A-Za-z][A-Za-z0-9/_-]*$/ (a letter first, then letters, digits, '-', '/' or '_')";

function rejectedWith(props: RosTrailProps, ...problems: string[]): void {
  const stack = newStack('TestStack', {});
  new RosTrail(stack, 'Trail', props);
  expectRejected(stack, { path: 'TestStack/Trail', propsType: 'RosTrailProps', resourceType: TYPE, problems });
}

function renderedProperties(props: RosTrailProps): any {
  const stack = newStack('TestStack', {});
  new RosTrail(stack, 'Trail', props);
  return synthTemplate(stack).Resources.Trail.Properties;
}

describe('RosTrail', () => {
  test('has the ROS type name', () => {
    expect(RosTrail.ROS_RESOURCE_TYPE_NAME).toBe(TYPE);
  });

  test('renders every property in PascalCase (eventRw as EventRW)', () => {
    const stack = newStack('TestStack', {});
    new RosTrail(stack, 'Trail', {
      name: 'audit-trail_1',
      eventRw: 'All',
      ossBucketName: 'audit-bucket',
      ossKeyPrefix: 'events/',
      roleName: 'AliyunActionTrailDefaultRole',
      slsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/audit',
      slsWriteRoleArn: 'acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail',
    });
    expect(synthTemplate(stack).Resources).toEqual({
      Trail: {
        Type: TYPE,
        Properties: {
          Name: 'audit-trail_1',
          EventRW: 'All',
          OssBucketName: 'audit-bucket',
          OssKeyPrefix: 'events/',
          RoleName: 'AliyunActionTrailDefaultRole',
          SlsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/audit',
          SlsWriteRoleArn: 'acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail',
        },
      },
    });
  });

  test('leaves unset properties out', () => {
    expect(renderedProperties({ name: 'audit1', ossBucketName: 'b01' })).toEqual({
      Name: 'audit1',
      OssBucketName: 'b01',
    });
    expect(renderedProperties({ name: 'audit1', slsProjectArn: 'acs:log:cn-hangzhou:1:project/p' })).toEqual({
      Name: 'audit1',
      SlsProjectArn: 'acs:log:cn-hangzhou:1:project/p',
    });
  });

  test('renders properties changed after construction', () => {
    const stack = newStack('TestStack', {});
    const trail = new RosTrail(stack, 'Trail', { ...OSS, name: 'audit1' });
    trail.eventRw = 'Read';
    trail.name = 'audit2';
    expect(synthTemplate(stack).Resources.Trail.Properties).toEqual({
      Name: 'audit2',
      EventRW: 'Read',
      OssBucketName: 'audit-bucket',
    });
  });

  test('validates properties changed after construction', () => {
    const stack = newStack('TestStack', {});
    const trail = new RosTrail(stack, 'Trail', { ...OSS, name: 'audit1' });
    trail.eventRw = 'read';
    expectRejected(stack, {
      path: 'TestStack/Trail',
      propsType: 'RosTrailProps',
      resourceType: TYPE,
      problems: ['eventRw: "read" must be one of "Read", "Write", "All"'],
    });
  });

  describe('accepts the limits', () => {
    test.each([
      ['name of 6 characters', { ...OSS, name: 'abcdef' }],
      ['name of 36 characters', { ...OSS, name: 'a'.repeat(36) }],
      ['name with upper case, digits, - and _', { ...OSS, name: 'Audit-Trail_2024' }],
      ['bucket name of 3 characters', { name: 'audit1', ossBucketName: 'abc' }],
      ['bucket name of 63 characters', { name: 'audit1', ossBucketName: 'b'.repeat(63) }],
      ['bucket name with a digit first and a hyphen', { name: 'audit1', ossBucketName: '1-bucket' }],
      ['key prefix of 6 characters', { ...OSS, name: 'audit1', ossKeyPrefix: 'pfx/01' }],
      ['key prefix of 32 characters', { ...OSS, name: 'audit1', ossKeyPrefix: 'p'.repeat(32) }],
      ['key prefix with upper case, -, / and _', { ...OSS, name: 'audit1', ossKeyPrefix: 'Audit-Log/_x' }],
      ['an SLS destination only', { name: 'audit1', slsProjectArn: 'acs:log:cn-hangzhou:1:project/p' }],
    ])('%s', (_title, props: RosTrailProps) => {
      expect(() => renderedProperties(props)).not.toThrow();
    });

    test.each(['Read', 'Write', 'All'])('eventRw %s', (eventRw) => {
      expect(renderedProperties({ ...OSS, name: 'audit1', eventRw })).toEqual({
        Name: 'audit1',
        EventRW: eventRw,
        OssBucketName: 'audit-bucket',
      });
    });
  });

  describe('rejects', () => {
    test('a missing name', () => {
      rejectedWith({ ...OSS } as RosTrailProps, 'name: required but missing');
    });

    test('a name of 5 characters', () => {
      rejectedWith({ ...OSS, name: 'abcde' }, 'name: "abcde" must be 6 to 36 characters long (got 5)');
    });

    test('a name of 37 characters', () => {
      const name = 'a'.repeat(37);
      rejectedWith({ ...OSS, name }, `name: "${name}" must be 6 to 36 characters long (got 37)`);
    });

    test('a name starting with a digit', () => {
      rejectedWith({ ...OSS, name: '1audit' }, `name: "1audit" ${NAME_RULE}`);
    });

    test('a name with a dot', () => {
      rejectedWith({ ...OSS, name: 'audit.trail' }, `name: "audit.trail" ${NAME_RULE}`);
    });

    test('a name breaking two rules, with both problems', () => {
      rejectedWith(
        { ...OSS, name: '_a' },
        'name: "_a" must be 6 to 36 characters long (got 2)',
        `name: "_a" ${NAME_RULE}`,
      );
    });

    test('an eventRw outside Read|Write|All', () => {
      rejectedWith(
        { ...OSS, name: 'audit1', eventRw: 'ReadWrite' },
        'eventRw: "ReadWrite" must be one of "Read", "Write", "All"',
      );
    });

    test('an ossBucketName of 2 characters', () => {
      rejectedWith(
        { name: 'audit1', ossBucketName: 'ab' },
        'ossBucketName: "ab" must be 3 to 63 characters long (got 2)',
      );
    });

    test('an ossBucketName of 64 characters', () => {
      const bucket = 'b'.repeat(64);
      rejectedWith(
        { name: 'audit1', ossBucketName: bucket },
        `ossBucketName: "${bucket}" must be 3 to 63 characters long (got 64)`,
      );
    });

    test('an ossKeyPrefix of 5 characters', () => {
      rejectedWith(
        { ...OSS, name: 'audit1', ossKeyPrefix: 'logs/' },
        'ossKeyPrefix: "logs/" must be 6 to 32 characters long (got 5)',
      );
    });

    test('an ossKeyPrefix of 33 characters', () => {
      const prefix = 'p'.repeat(33);
      rejectedWith(
        { ...OSS, name: 'audit1', ossKeyPrefix: prefix },
        `ossKeyPrefix: "${prefix}" must be 6 to 32 characters long (got 33)`,
      );
    });

    test.each(['Audit-Bucket', '-bucket', 'my_bucket'])('an ossBucketName %s', (bucket) => {
      rejectedWith({ name: 'audit1', ossBucketName: bucket }, `ossBucketName: "${bucket}" ${BUCKET_RULE}`);
    });

    test.each(['/audit-logs', '1audit-logs', 'audit.logs'])('an ossKeyPrefix %s', (prefix) => {
      rejectedWith({ ...OSS, name: 'audit1', ossKeyPrefix: prefix }, `ossKeyPrefix: "${prefix}" ${PREFIX_RULE}`);
    });

    test('neither an OSS bucket nor an SLS project', () => {
      rejectedWith(
        { name: 'audit1', slsWriteRoleArn: 'acs:ram::1:role/r' },
        'ossBucketName or slsProjectArn: at least one must be set (none was given)',
      );
    });

    test.each(['name', 'eventRw', 'ossBucketName', 'ossKeyPrefix', 'roleName', 'slsProjectArn', 'slsWriteRoleArn'])(
      'a %s that is not a string',
      (prop) => {
        const props = { ...OSS, name: 'audit1', [prop]: 42 } as unknown as RosTrailProps;
        rejectedWith(props, `${prop}: 42 should be a string`);
      },
    );

    test('a long value, shortened in the message', () => {
      const name = 'n'.repeat(100);
      rejectedWith({ ...OSS, name }, `name: "${'n'.repeat(76)}... must be 6 to 36 characters long (got 100)`);
    });
  });

  describe('tokens', () => {
    test('a parameter in every property renders as a Ref and is not validated', () => {
      const stack = newStack('TestStack', {});
      const ref = (id: string) => stringParam(stack, id).valueAsString;
      new RosTrail(stack, 'Trail', {
        name: ref('Name'),
        eventRw: ref('EventRw'),
        ossBucketName: ref('Bucket'),
        ossKeyPrefix: ref('Prefix'),
        roleName: ref('Role'),
        slsProjectArn: ref('SlsProject'),
        slsWriteRoleArn: ref('SlsRole'),
      });
      expect(synthTemplate(stack).Resources.Trail.Properties).toEqual({
        Name: { Ref: 'Name' },
        EventRW: { Ref: 'EventRw' },
        OssBucketName: { Ref: 'Bucket' },
        OssKeyPrefix: { Ref: 'Prefix' },
        RoleName: { Ref: 'Role' },
        SlsProjectArn: { Ref: 'SlsProject' },
        SlsWriteRoleArn: { Ref: 'SlsRole' },
      });
    });

    test('a string built from a token is not validated, even when its literal part breaks a rule', () => {
      const stack = newStack('TestStack', {});
      new RosTrail(stack, 'Trail', {
        name: ros.Fn.join('', ['1', stringParam(stack, 'Suffix').valueAsString]),
        ossBucketName: `B_${ros.RosPseudo.accountId}`,
        ossKeyPrefix: `/${ros.RosPseudo.accountId}`,
      });
      expect(synthTemplate(stack).Resources.Trail.Properties).toEqual({
        Name: { 'Fn::Join': ['', ['1', { Ref: 'Suffix' }]] },
        OssBucketName: { 'Fn::Join': ['', ['B_', { Ref: 'ALIYUN::AccountId' }]] },
        OssKeyPrefix: { 'Fn::Join': ['', ['/', { Ref: 'ALIYUN::AccountId' }]] },
      });
    });

    test('an IResolvable is accepted', () => {
      const stack = newStack('TestStack', {});
      new RosTrail(stack, 'Trail', {
        name: stringParam(stack, 'Name').value,
        ossBucketName: stringParam(stack, 'Bucket').value,
      });
      expect(synthTemplate(stack).Resources.Trail.Properties).toEqual({
        Name: { Ref: 'Name' },
        OssBucketName: { Ref: 'Bucket' },
      });
    });

    test('a lazy value is validated once it resolves to a literal', () => {
      const stack = newStack('TestStack', {});
      new RosTrail(stack, 'Trail', { ...OSS, name: ros.Lazy.stringValue({ produce: () => 'abc' }) });
      expectRejected(stack, {
        path: 'TestStack/Trail',
        propsType: 'RosTrailProps',
        resourceType: TYPE,
        problems: ['name: "abc" must be 6 to 36 characters long (got 3)'],
      });
    });
  });

  describe('attributes', () => {
    test('attrName is Fn::GetAtt Name', () => {
      const stack = newStack('TestStack', {});
      const trail = new RosTrail(stack, 'Trail', { ...OSS, name: 'audit1' });
      expect(stack.resolve(trail.attrName)).toEqual({ 'Fn::GetAtt': ['Trail', 'Name'] });
    });

    test('attrName renders into an output', () => {
      const stack = newStack('TestStack', {});
      const trail = new RosTrail(stack, 'Trail', { ...OSS, name: 'audit1' });
      new ros.RosOutput(stack, 'TrailName', { value: trail.attrName });
      expect(synthTemplate(stack).Outputs).toEqual({ TrailName: { Value: { 'Fn::GetAtt': ['Trail', 'Name'] } } });
    });
  });

  describe('the enableResourcePropertyConstraint switch', () => {
    test('false in the constructor skips validation', () => {
      const stack = newStack('TestStack', {});
      const trail = new RosTrail(stack, 'Trail', { name: 'x' }, false);
      expect(trail.enableResourcePropertyConstraint).toBe(false);
      expect(synthTemplate(stack).Resources.Trail.Properties).toEqual({ Name: 'x' });
    });

    test('defaults to on in a stack created without the option', () => {
      const stack = newStack('TestStack', {});
      expect(new RosTrail(stack, 'Trail', { ...OSS, name: 'audit1' }).enableResourcePropertyConstraint).toBe(true);
    });

    test('follows a stack created with the option false', () => {
      const stack = newStack('TestStack', {}, { enableResourcePropertyConstraint: false });
      new RosTrail(stack, 'Trail', { name: 'x' });
      expect(synthTemplate(stack).Resources.Trail.Properties).toEqual({ Name: 'x' });
    });

    test('is off in a stack created with the option true (ros-cdk-core 1.12 bug)', () => {
      const stack = newStack('TestStack', {}, { enableResourcePropertyConstraint: true });
      const trail = new RosTrail(stack, 'Trail', { name: 'x' });
      expect(trail.enableResourcePropertyConstraint).toBe(false);
    });

    test('true in the constructor validates whatever the stack says', () => {
      const stack = newStack('TestStack', {}, { enableResourcePropertyConstraint: true });
      new RosTrail(stack, 'Trail', { ...OSS, name: 'x'.repeat(5) }, true);
      expectRejected(stack, {
        path: 'TestStack/Trail',
        propsType: 'RosTrailProps',
        resourceType: TYPE,
        problems: ['name: "xxxxx" must be 6 to 36 characters long (got 5)'],
      });
    });
  });
});
