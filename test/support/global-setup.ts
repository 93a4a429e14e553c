/** jest globalSetup (jest.config.js): see temp-dir.ts. */
import { setup } from './temp-dir';

/** Tests synthesize many apps with findings on purpose: keep stderr for failures (the printer's tests unset this). */
export default function globalSetup(): void {
  process.env.ACTIONTRAIL_CDK_QUIET = '1';
  setup();
}
