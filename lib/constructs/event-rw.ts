/** Which events a trail records (the API's `EventRW`). */
export enum EventRW {
  /** Read and write events: what compliance checks (CIS 2.1, checkov CKV_ALI_5) require. */
  ALL = 'All',
  /** Read events only. */
  READ = 'Read',
  /** Write events only (the API's own default). */
  WRITE = 'Write',
}
