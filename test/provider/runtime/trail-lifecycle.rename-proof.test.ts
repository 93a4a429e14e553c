/**
 * An Update whose previous name is neither the one bound into the physical ID
 * nor the declared one: only going back to the bound name may converge the
 * bound trail; any other target is refused before a change, even while the
 * bound trail exists.
 */
import { handler } from '../../../lib/provider/handler';
import { ACCOUNT_ID, REGION, fcContext, rosEvent, trailProps, useProviderEnvironment } from '../harness';

const { sim, receiver } = useProviderEnvironment();
const READS = ['DescribeTrails', 'GetTrailStatus'];

test('from a foreign name to a third name: FAILED, nothing written, the bound and the foreign trail unchanged', async () => {
  await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext() as never);
  expect(receiver.last().Status).toBe('SUCCESS');
  const id = receiver.last().PhysicalResourceId;
  const bound = JSON.stringify(sim.trail('audit_all'));
  sim.seedTrail({
    Name: 'security_org',
    Status: 'Enable',
    EventRW: 'All',
    SlsProjectArn: `acs:log:${REGION}:${ACCOUNT_ID}:project/security`,
  });
  const foreign = JSON.stringify(sim.trail('security_org'));
  sim.calls.length = 0;
  const answersBefore = receiver.answers.length;

  await handler(
    rosEvent(receiver, 'Update', {
      PhysicalResourceId: id,
      ResourceProperties: trailProps({ Name: 'audit_new', EventRW: 'Read' }),
      OldResourceProperties: trailProps({ Name: 'security_org' }),
    }),
    fcContext() as never,
  );

  expect(receiver.answers.length - answersBefore).toBe(1);
  expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
  expect(receiver.last().Reason).toContain('cannot prove that the trail security_org is its own');
  expect(sim.calls.map((c) => c.action).filter((a) => !READS.includes(a))).toEqual([]);
  expect(JSON.stringify(sim.trail('audit_all'))).toBe(bound);
  expect(JSON.stringify(sim.trail('security_org'))).toBe(foreign);
  expect(sim.trail('audit_new')).toBeUndefined();
});
