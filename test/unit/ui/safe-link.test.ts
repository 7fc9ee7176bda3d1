import { describe, expect, it } from 'vitest';
import { safeHref } from '@/components/ui/SafeLink';

describe('safeHref', () => {
  it('links http(s), one email address and one phone number', () => {
    expect(safeHref('https://example.org/a')).toBe('https://example.org/a');
    expect(safeHref('mailto:ada@example.org')).toBe('mailto:ada@example.org');
    expect(safeHref('tel:+44 20 7946 0958')).toBe('tel:+44 20 7946 0958');
  });

  it('never links script schemes, nor a mailto or tel that carries more than an address or number', () => {
    for (const raw of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'mailto:victim@x?cc=attacker@evil.example&body=Please%20wire',
      'mailto:a@example.org,b@example.org',
      'mailto:not an address',
      'tel:+1555?call=1',
      'tel:javascript:alert(1)',
    ]) expect(safeHref(raw), raw).toBeNull();
  });
});
