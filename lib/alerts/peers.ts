/**
 * The alerts subpath needs two optional peer dependencies of actiontrail-cdk.
 * Loaded first by the subpath's entry, so that a missing one fails with what
 * to install rather than a bare "Cannot find module".
 */
/**
 * The optional peers and the version ranges to install, as the root
 * package.json's `peerDependencies` states them (a test holds the two
 * equal).
 */
export const PEERS = [
  ['@alicloud/ros-cdk-eventbridge', '^1.15.0'],
  ['@alicloud/ros-cdk-sls', '^1.11.0'],
] as const;

const missing = PEERS.filter(([name]) => {
  try {
    require.resolve(name);
    return false;
  } catch {
    return true;
  }
});
if (missing.length > 0) {
  throw new Error(
    `actiontrail-cdk/alerts needs the optional peer dependencies ${missing.map(([n]) => n).join(' and ')}, which are not installed. ` +
      `Install them: npm install ${missing.map(([n, range]) => `${n}@${range}`).join(' ')} ` +
      '(apps that do not use alerts need neither; the main entry actiontrail-cdk loads neither).',
  );
}
