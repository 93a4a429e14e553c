import * as ros from '@alicloud/ros-cdk-core';

const app = new ros.App();
const stack = new ros.Stack(app, 'Skeleton', { env: { region: 'cn-hangzhou' } });
new ros.RosResource(stack, 'Placeholder', { type: 'ALIYUN::ACTIONTRAIL::Trail', properties: { Name: 'audit_all' } });
app.synth();
