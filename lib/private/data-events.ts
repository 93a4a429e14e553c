/**
 * Checks a Trail's `dataEvents` at synth and renders them as the custom
 * resource's parameters (`DataEventSelectors`, `DataEventTrailRegion`). The
 * wire form and limits are `shared/data-events`; every error names the
 * property path (e.g. `dataEvents.selectors[2].resourceArns.equals[0]`), the
 * value, the rule and how to fix it.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { DataEventFilter, DataEvents, DataEventSelector } from '../constructs/data-events';
import { EventRW } from '../constructs/event-rw';
import { TrailRegion } from '../constructs/trail-region';
import {
  DATA_EVENT_ARN_PATTERN,
  DATA_EVENT_SERVICE_PATTERN,
  MAX_DATA_EVENT_FILTER_VALUES,
  MAX_DATA_EVENT_SELECTORS,
  WireFilter,
  WireSelector,
  selectorsJson,
} from '../shared/data-events';
import { quote } from '../shared/quote';
import { PropValidator } from './errors';

/** The rendered parameters of a trail's data events. */
export interface RenderedDataEvents {
  /** `DataEventSelectors`: the selectors' wire JSON. */
  readonly selectors: string;
  /** `DataEventTrailRegion`: `All` or comma-separated region IDs. */
  readonly region: string;
}

const P = 'dataEvents';

/** Checks `value` (a Trail's `dataEvents`) and renders it; `undefined` when not set. */
export function renderDataEvents(v: PropValidator, value: unknown): RenderedDataEvents | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof DataEvents)) {
    v.fail(P, `${quote(value)} must be DataEvents.of({ selectors: [...] }) or DataEvents.onOssBuckets([...])`);
  }
  const { selectors, regions, ossBucketNames } = value;
  if (ossBucketNames !== undefined) checkBucketNames(v, ossBucketNames);
  if (!Array.isArray(selectors) || selectors.length === 0) {
    v.fail(
      `${P}.selectors`,
      `${quote(selectors)} must list 1 to ${MAX_DATA_EVENT_SELECTORS} selectors: leave dataEvents unset to record no data events`,
    );
  }
  if (selectors.length > MAX_DATA_EVENT_SELECTORS) {
    v.fail(
      `${P}.selectors`,
      `has ${selectors.length} selectors, over ActionTrail's limit of ${MAX_DATA_EVENT_SELECTORS} per trail (PutDataEventSelector): merge selectors of the same service (one selector takes up to ${MAX_DATA_EVENT_FILTER_VALUES} resource ARNs), or split the resources across trails`,
    );
  }
  const wire = selectors.map((s, i) => checkSelector(v, `${P}.selectors[${i}]`, s));
  if (!(regions instanceof TrailRegion)) {
    v.fail(`${P}.regions`, `${quote(regions)} must be TrailRegion.ALL or TrailRegion.of('<region ID>', ...)`);
  }
  const problem = regions.problem();
  if (problem) v.fail(`${P}.regions`, `${quote(regions.value)} ${problem}`);
  return { selectors: selectorsJson(wire), region: regions.value };
}

function checkBucketNames(v: PropValidator, names: readonly unknown[]): void {
  if (!Array.isArray(names) || names.length === 0) {
    v.fail(`${P}`, `DataEvents.onOssBuckets(${quote(names)}) must name at least one bucket`);
  }
  names.forEach((name, i) => {
    if (typeof name !== 'string') v.fail(`${P}.ossBucketNames[${i}]`, `${quote(name)} must be a bucket name string`);
    if (ros.Token.isUnresolved(name)) return;
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name)) {
      v.fail(
        `${P}.ossBucketNames[${i}]`,
        `${quote(name)} must be an OSS bucket name: 3-63 characters of lowercase letters, digits and '-', starting and ending with a letter or digit`,
      );
    }
  });
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) v.fail(`${P}.ossBucketNames`, `lists ${quote(duplicate)} twice: name each bucket once`);
}

function checkSelector(v: PropValidator, at: string, s: DataEventSelector): WireSelector {
  if (!s || typeof s !== 'object' || Array.isArray(s)) {
    v.fail(at, `${quote(s)} must be an object { service, readWrite?, eventNames?, resourceArns? }`);
  }
  const service: unknown = s.service;
  if (typeof service !== 'string') v.fail(`${at}.service`, `${quote(service)} must be a service name such as 'Oss'`);
  if (!ros.Token.isUnresolved(service) && !DATA_EVENT_SERVICE_PATTERN.test(service)) {
    v.fail(
      `${at}.service`,
      `${quote(service)} must be a service name such as 'Oss': a letter, then letters and digits (ActionTrail's ServiceName)`,
    );
  }
  const readWrite = s.readWrite ?? EventRW.ALL;
  v.checkOneOf(`${at}.readWrite`, readWrite, Object.values(EventRW), 'EventRW.ALL, EventRW.READ or EventRW.WRITE');
  const eventName = checkFilter(v, `${at}.eventNames`, s.eventNames, false);
  const resourceArn = checkFilter(v, `${at}.resourceArns`, s.resourceArns, true);
  return {
    ServiceName: service,
    ReadWriteType: readWrite,
    ...(eventName ? { EventName: eventName } : {}),
    ...(resourceArn ? { ResourceArn: resourceArn } : {}),
  };
}

function checkFilter(
  v: PropValidator,
  at: string,
  filter: DataEventFilter | undefined,
  arns: boolean,
): WireFilter | undefined {
  if (filter === undefined) return undefined;
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) {
    v.fail(at, `${quote(filter)} must be an object { equals?, notEquals? }`);
  }
  const lists: { Equals?: string[]; NotEquals?: string[] } = {};
  for (const [key, wire] of [
    ['equals', 'Equals'],
    ['notEquals', 'NotEquals'],
  ] as const) {
    const list: unknown = filter[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) v.fail(`${at}.${key}`, `${quote(list)} must be an array of strings`);
    list.forEach((value: unknown, i) => {
      const here = `${at}.${key}[${i}]`;
      if (typeof value !== 'string' || value === '') v.fail(here, `${quote(value)} must be a non-empty string`);
      if (ros.Token.isUnresolved(value)) return;
      if (arns && !DATA_EVENT_ARN_PATTERN.test(value)) {
        v.fail(
          here,
          `${quote(value)} must be an ARN 'acs:<service>:<region or *>:<16-digit account or *>:<resource>', e.g. DataEvents.ossBucketArn('my-bucket') = 'acs:oss:*:*:my-bucket'`,
        );
      }
      if (!arns && /\s/.test(value))
        v.fail(here, `${quote(value)} must be an event name such as 'GetObject' (no spaces)`);
    });
    const duplicate = (list as string[]).find((x, i) => list.indexOf(x) !== i);
    if (duplicate !== undefined) v.fail(`${at}.${key}`, `lists ${quote(duplicate)} twice: list each value once`);
    if (list.length > 0) lists[wire] = [...(list as string[])];
  }
  const count = (lists.Equals?.length ?? 0) + (lists.NotEquals?.length ?? 0);
  if (count === 0) {
    v.fail(
      at,
      `${quote(filter)} lists no value: give equals or notEquals values, or leave the filter unset to select all`,
    );
  }
  if (count > MAX_DATA_EVENT_FILTER_VALUES) {
    v.fail(
      at,
      `has ${count} values in equals and notEquals together, over ActionTrail's limit of ${MAX_DATA_EVENT_FILTER_VALUES} per filter (PutDataEventSelector): split them across selectors of the same service`,
    );
  }
  const both = (lists.Equals ?? []).find((x) => (lists.NotEquals ?? []).includes(x));
  if (both !== undefined) v.fail(at, `has ${quote(both)} in both equals and notEquals: keep it in one`);
  return lists;
}
