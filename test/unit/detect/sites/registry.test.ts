import { describe, expect, it } from 'vitest';
import { SITE_ADAPTERS } from '@/lib/detect';

const PAGES: [string, string | undefined][] = [
  ['https://mail.google.com/mail/u/0/#inbox', 'gmail'],
  ['https://outlook.office.com/mail/inbox', 'outlook'],
  ['https://outlook.live.com/mail/0/', 'outlook'],
  ['https://www.linkedin.com/in/grace-hopper-1906/', 'linkedin'],
  ['https://de.linkedin.com/in/grace-hopper-1906', 'linkedin'],
  ['https://github.com/gracehopper', 'github'],
  ['https://github.com/gracehopper/flow-matic', undefined],
  ['https://www.linkedin.com/feed/', undefined],
  ['https://analyticalengines.co.uk/team', undefined],
];

describe('site adapter registry', () => {
  it('lists each site once, by a unique name', () => {
    const names = SITE_ADAPTERS.map((adapter) => adapter.name);
    expect(names).toEqual(['gmail', 'outlook', 'linkedin', 'github']);
  });

  it.each(PAGES)('%s is read by %s, and by no other adapter', (url, expected) => {
    const matching = SITE_ADAPTERS.filter((adapter) => adapter.matches(new URL(url))).map((adapter) => adapter.name);
    expect(matching).toEqual(expected ? [expected] : []);
  });
});
