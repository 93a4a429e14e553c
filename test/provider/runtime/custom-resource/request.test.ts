/**
 * runtime/custom-resource/request.ts: the request types, exactly one of three
 * strings.
 */
import { REQUEST_TYPES, requestTypeOf } from '../../../../lib/provider/runtime/custom-resource/request';

describe('requestTypeOf', () => {
  test('exactly Create, Update or Delete', () => {
    expect(REQUEST_TYPES).toEqual(['Create', 'Update', 'Delete']);
    for (const t of REQUEST_TYPES) expect(requestTypeOf(t)).toBe(t);
    for (const v of ['create', 'Create ', '', 'Read', 42, undefined, null, ['Create']])
      expect(requestTypeOf(v)).toBeUndefined();
  });
});

describe('request checks', () => {
  test('RequestType must be exactly one of the three strings', () => {
    expect(['Create', 'Update', 'Delete'].map(requestTypeOf)).toEqual(['Create', 'Update', 'Delete']);
    for (const v of [['Delete'], 'delete', 'Delete ', { toString: () => 'Delete' }, undefined])
      expect(requestTypeOf(v)).toBeUndefined();
  });
});
