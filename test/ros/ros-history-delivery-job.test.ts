import { RosHistoryDeliveryJob, RosHistoryDeliveryJobProps } from '../../lib/ros';
import { expectRejected, stringParam } from '../support/ros';
import { newStack, synthTemplate } from '../support/template';

const TYPE = 'ALIYUN::ACTIONTRAIL::HistoryDeliveryJob';

function rejectedWith(props: RosHistoryDeliveryJobProps, ...problems: string[]): void {
  const stack = newStack('TestStack', {});
  new RosHistoryDeliveryJob(stack, 'Job', props);
  expectRejected(stack, {
    path: 'TestStack/Job',
    propsType: 'RosHistoryDeliveryJobProps',
    resourceType: TYPE,
    problems,
  });
}

describe('RosHistoryDeliveryJob', () => {
  test('has the ROS type name', () => {
    expect(RosHistoryDeliveryJob.ROS_RESOURCE_TYPE_NAME).toBe(TYPE);
  });

  test('renders every property', () => {
    const stack = newStack('TestStack', {});
    new RosHistoryDeliveryJob(stack, 'Job', { trailName: 'audit1' });
    expect(synthTemplate(stack).Resources).toEqual({
      Job: { Type: TYPE, Properties: { TrailName: 'audit1' } },
    });
  });

  test('rejects a missing trailName', () => {
    rejectedWith({} as RosHistoryDeliveryJobProps, 'trailName: required but missing');
  });

  test('rejects a trailName that is not a string', () => {
    rejectedWith(
      { trailName: ['audit1'] } as unknown as RosHistoryDeliveryJobProps,
      'trailName: ["audit1"] should be a string',
    );
  });

  test('a token renders as a Ref and is not validated', () => {
    const stack = newStack('TestStack', {});
    new RosHistoryDeliveryJob(stack, 'Job', { trailName: stringParam(stack, 'Trail').valueAsString });
    expect(synthTemplate(stack).Resources.Job.Properties).toEqual({ TrailName: { Ref: 'Trail' } });
  });

  test('attrJobId is Fn::GetAtt JobId', () => {
    const stack = newStack('TestStack', {});
    const job = new RosHistoryDeliveryJob(stack, 'Job', { trailName: 'audit1' });
    expect(stack.resolve(job.attrJobId)).toEqual({ 'Fn::GetAtt': ['Job', 'JobId'] });
  });
});
