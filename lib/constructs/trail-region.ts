import * as ros from '@alicloud/ros-cdk-core';
import { quote } from '../shared/quote';
import { regionIdRule } from '../private/names';
import { unknownActionTrailRegions } from '../shared/regions';

/** The regions whose events a trail records (the API's `TrailRegion`). */
export class TrailRegion {
  /** Every region, present and future: what compliance checks (CIS 2.1, checkov CKV_ALI_4) require. */
  public static readonly ALL = new TrailRegion('All', [], true);

  /**
   * The listed regions only, e.g. `TrailRegion.of('cn-hangzhou', 'cn-shanghai')`.
   * Region IDs are checked when the trail validates its props.
   */
  public static of(...regionIds: string[]): TrailRegion {
    return new TrailRegion(regionIds.join(','), [...regionIds], false);
  }

  private constructor(
    /** The value sent to ActionTrail: `All` or comma-separated region IDs. */
    public readonly value: string,
    /** The listed region IDs; empty for `ALL`. */
    public readonly regionIds: readonly string[],
    /** `true` for `TrailRegion.ALL`. */
    public readonly isAll: boolean,
  ) {}

  /**
   * The listed region IDs that are well formed but not in the table of regions
   * ActionTrail supports (`ACTIONTRAIL_REGIONS`); empty for `ALL`. A trail warns
   * about them (AT-TRAIL-007) rather than failing, so new regions keep working.
   */
  public unknownRegions(): string[] {
    if (this.isAll) return [];
    return unknownActionTrailRegions(
      this.regionIds.filter((id) => typeof id === 'string' && !ros.Token.isUnresolved(id)),
    );
  }

  /**
   * Returns the rule this selection breaks (no region, a malformed or repeated
   * region ID), or `undefined` when it is valid.
   */
  public problem(): string | undefined {
    if (this.isAll) return undefined;
    if (this.regionIds.length === 0) return 'must list at least one region';
    for (const id of this.regionIds) {
      if (typeof id !== 'string') return `has ${quote(id)}, which must be a region ID string`;
      if (ros.Token.isUnresolved(id)) continue;
      if (id.toLowerCase() === 'all')
        return `has ${quote(id)}, which is not a region ID: use TrailRegion.ALL to record every region`;
      const broken = regionIdRule(id);
      if (broken) return `has ${quote(id)}, which ${broken}`;
    }
    const duplicate = this.regionIds.find((id, i) => this.regionIds.indexOf(id) !== i);
    if (duplicate) return `lists ${quote(duplicate)} twice`;
    return undefined;
  }
}
