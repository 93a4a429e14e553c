/** jest globalTeardown (jest.config.js): see temp-dir.ts. */
import { teardown } from './temp-dir';

export default teardown;
