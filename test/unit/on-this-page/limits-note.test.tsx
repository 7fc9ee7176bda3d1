// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { LimitsNote, limitText } from '@/components/on-this-page/LimitsNote';
import { TabDetections } from '@/lib/model';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

describe('"On this page" says which caps were reached', () => {
  it('words each cap as read of found', () => {
    expect(limitText({ what: 'addresses', read: 200, found: 50_000 })).toBe('200 of 50,000 addresses read');
    expect(limitText({ what: 'json-ld', read: 50, found: 61 })).toBe('50 of 61 JSON-LD blocks read');
    expect(limitText({ what: 'people', read: 500, found: 1_000 })).toBe('500 of 1,000 people shown');
  });

  it('shows the stored limits of a tab, and nothing when there are none', () => {
    const stored = TabDetections.parse({
      tabId: 1,
      url: 'https://www.northwind-traders.com/directory',
      contacts: [],
      limits: [
        { what: 'addresses', read: 200, found: 50_000 },
        { what: 'people', read: 500, found: 700 },
      ],
      at: 1,
    });
    render(<LimitsNote limits={stored.limits} />);
    expect(host.querySelector('[role="note"]')?.textContent).toBe(
      'This page is larger than Sidebar CRM reads in full: 200 of 50,000 addresses read; 500 of 700 people shown.',
    );
    render(<LimitsNote limits={TabDetections.parse({ tabId: 1, url: 'https://a.example/', contacts: [], at: 1 }).limits} />);
    expect(host.textContent).toBe('');
  });
});
