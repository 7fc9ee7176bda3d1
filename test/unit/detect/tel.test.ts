import { describe, expect, it } from 'vitest';
import { phoneFromTelHref, telDetector } from '@/lib/detect/detectors/tel';
import { page, PAGE_URL } from './page';

describe('tel detector', () => {
  it('reads the number, cleaned, and a name-like link text', () => {
    const found = telDetector.detect(
      page('<a href="tel:+1-415-555-0100">Margaret Hamilton</a><a id="o" href="TEL:+44%2020%207946%200000">+44 20 7946 0000</a>'),
      PAGE_URL,
    );
    expect(found).toEqual([
      { name: 'Margaret Hamilton', phones: ['+14155550100'], evidence: [{ detector: 'tel', element: 'a' }] },
      { phones: ['+442079460000'], evidence: [{ detector: 'tel', element: 'a#o' }] },
    ]);
  });

  it('skips calls to action as names, broken numbers, and links in code', () => {
    const found = telDetector.detect(
      page('<a href="tel:+14155550100">Call us</a><a href="tel:1-800-FLOWERS">Flowers</a><a href="tel:">x</a><code><a href="tel:+14155550199">y</a></code>'),
      PAGE_URL,
    );
    expect(found).toEqual([{ phones: ['+14155550100'], evidence: [{ detector: 'tel', element: 'a' }] }]);
  });

  it('reads the added element itself in an incremental scan', () => {
    const document = page('<p><a id="x" href="tel:+14155550100">Ada Lovelace</a></p>');
    expect(telDetector.detect(document.getElementById('x')!, PAGE_URL)).toHaveLength(1);
  });
});

describe('phoneFromTelHref', () => {
  it.each([
    ['tel:+1-201-555-0123;ext=1234', '+12015550123'],
    [' tel:(0761) 203 0000 ', '07612030000'],
    ['callto:+12015550123', undefined],
    ['+12015550123', undefined],
  ])('%j → %j', (href, expected) => {
    expect(phoneFromTelHref(href)).toBe(expected);
  });
});
