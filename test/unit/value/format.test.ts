import { describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/value/format';

describe('formatMoney', () => {
  it('formats in the locale and currency asked, whole units from 100 up, each time the same', () => {
    for (let round = 0; round < 2; round += 1) {
      // The second round is served by the formatters the first one made.
      expect(formatMoney(1240, 'USD', 'en-US')).toBe('$1,240');
      expect(formatMoney(12.5, 'USD', 'en-US')).toBe('$12.50');
      expect(formatMoney(12.5, 'EUR', 'de-DE')).toBe('12,50\u00a0€');
      expect(formatMoney(12, 'JPY', 'en-US')).toBe('¥12');
      expect(formatMoney(12.5, 'KWD', 'en-US')).toBe('KWD\u00a012.500');
    }
  });

  it('falls back to the number and the code for a code Intl does not know', () => {
    expect(formatMoney(5, 'nope', 'en-US')).toBe('5.00 nope');
    expect(formatMoney(5, 'nope', 'en-US')).toBe('5.00 nope');
  });
});
