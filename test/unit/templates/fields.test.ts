import { describe, expect, it } from 'vitest';
import { customFields, splitName } from '@/lib/templates';

describe('splitName', () => {
  it.each([
    ['Ada Lovelace', { firstName: 'Ada', lastName: 'Lovelace' }],
    ['Ada', { firstName: 'Ada' }],
    ['  Ada   King   Lovelace ', { firstName: 'Ada', lastName: 'Lovelace' }],
    ['Lovelace, Ada', { firstName: 'Ada', lastName: 'Lovelace' }],
    ['Dr. Grace Hopper', { firstName: 'Grace', lastName: 'Hopper' }],
    ['Grace Hopper, PhD', { firstName: 'Grace', lastName: 'Hopper' }],
    ['Martin Luther King Jr.', { firstName: 'Martin', lastName: 'King' }],
    ['Prof', { firstName: 'Prof' }],
    ['Zoë Ñúñez', { firstName: 'Zoë', lastName: 'Ñúñez' }],
    ['', {}],
    [undefined, {}],
    ['ada@lovelace.io', {}],
  ])('%s', (name, expected) => {
    expect(splitName(name)).toEqual(expected);
  });
});

describe('customFields', () => {
  it('takes "key: value" tags only, keys lower-cased, first one winning', () => {
    const fields = customFields(['vip', ':nokey', 'empty:', 'School: Yale', 'school: Vassar', 'a b: no', 'team:Compilers: and more']);
    expect([...fields]).toEqual([
      ['school', 'Yale'],
      ['team', 'Compilers: and more'],
    ]);
  });
});
