/** jest globalSetup (jest.config.js): see temp-dir.ts. */
import { setup } from './temp-dir';

export default setup;
