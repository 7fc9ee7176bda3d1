import { describe, expect, it } from 'vitest';
import { countryForPage, normalizePhones, toE164 } from '@/lib/model/phone';

describe('toE164', () => {
  it.each([
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['(030) 901820', 'DE', '+4930901820'],
    ['+1 (415) 555-2671', 'DE', '+14155552671'],
  ] as const)('%s in %s → %s', (raw, country, expected) => {
    expect(toE164(raw, country)).toBe(expected);
  });

  it('keeps the digits when the country cannot be known', () => {
    expect(toE164('020 7946 0958')).toBe('02079460958');
  });
});

describe('countryForPage', () => {
  it('reads a country-code domain, .uk as GB', () => {
    expect(countryForPage('https://www.firma.de/kontakt')).toBe('DE');
    expect(countryForPage('https://shop.co.uk/')).toBe('GB');
  });
  it('falls back to the browser locale region for generic domains', () => {
    expect(countryForPage('https://github.com/octocat', 'en-GB')).toBe('GB');
    expect(countryForPage('https://github.com/octocat', 'en')).toBeUndefined();
  });
});

describe('normalizePhones', () => {
  it('removes numbers that are the same once normalised', () => {
    expect(normalizePhones(['+44 20 7946 0958', '020 7946 0958'], 'GB')).toEqual(['+442079460958']);
  });
});
