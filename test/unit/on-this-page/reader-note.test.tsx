// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OnThisPage } from '@/components/on-this-page/OnThisPage';
import { readerText } from '@/components/on-this-page/ReaderNote';
import { detect } from '@/lib/detect';
import { DetectionsReport } from '@/lib/messaging/protocol';
import { TabDetections } from '@/lib/model';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();
// happy-dom's URL takes no file: URLs, so the path is joined.
const pages = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/pages/');
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN';

/** A fixture page as the panel gets it: detected, reported (parsed as the router does) and stored (parsed as the tab's storage does). */
function stored(name: string): TabDetections {
  const { document } = parseHTML(readFileSync(`${pages}${name}`, 'utf8'));
  const { contacts, context, limits, reader } = detect(document, THREAD_URL);
  const report = DetectionsReport.parse({ type: 'detections', url: THREAD_URL, title: 'Gmail', contacts, context, limits, reader });
  return TabDetections.parse({ tabId: 1, url: report.url, title: report.title, contacts: report.contacts, context: report.context, reader: report.reader, at: 1 });
}

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  expect(check(), host.textContent ?? '').toBe(true);
}

function clipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn(writeText) }, configurable: true });
  return navigator.clipboard.writeText as ReturnType<typeof vi.fn>;
}

const copyButton = () => [...host.querySelectorAll('button')].find((button) => button.textContent === 'Copy diagnostics');

afterEach(() => vi.restoreAllMocks());

describe('"On this page" on a webmail page its reader no longer knows', () => {
  it('shows the generic reader’s people under a note naming the site, and copies a redacted outline on click', async () => {
    const detections = stored('gmail-thread-renamed.html');
    expect(detections.reader).toMatchObject({ site: 'gmail', fallback: true });
    const writeText = clipboard(async () => {});
    render(<OnThisPage state={{ status: 'ready', detections }} tabId={undefined} tabUrl={undefined} onOpen={() => {}} />);
    await until(() => host.querySelector('ul[aria-label="People on this page"]') !== null);

    const note = host.querySelector('.reader-note');
    expect(note?.getAttribute('role')).toBe('note');
    expect(note?.textContent).toContain("Gmail's page looks different from what this version knows; showing what a generic reader found.");
    const people = host.querySelector('ul[aria-label="People on this page"]')!.textContent;
    for (const name of ['Grace Hopper', 'Charles Babbage', 'Alan Turing']) expect(people).toContain(name);

    // Nothing reaches the clipboard before the click.
    expect(writeText).not.toHaveBeenCalled();
    expect(copyButton()?.getAttribute('type')).toBe('button');
    await act(async () => copyButton()!.click());
    expect(writeText).toHaveBeenCalledTimes(1);
    const copied = String(writeText.mock.calls[0]![0]);
    expect(copied).toContain('h2.rf487e {id tabindex data-thread-perm-id data-legacy-thread-id}');
    expect(copied).toContain('span.r4c576 {translate email name data-hovercard-id data-hovercard-owner-id}');
    for (const secret of ['@', 'Grace', 'Hopper', 'Analytical Engine', 'Jacquard', '18f3a1b2c3d4e5f6', 'msg-f', 'mailto', 'https:']) {
      expect(copied).not.toContain(secret);
    }
    expect(host.querySelector('.reader-note [role="status"]')?.textContent).toMatch(/^Copied: .*nothing was sent\.$/);
  });

  it('says so when the browser refuses the clipboard', async () => {
    clipboard(async () => {
      throw new Error('denied');
    });
    render(<OnThisPage state={{ status: 'ready', detections: stored('gmail-thread-renamed.html') }} tabId={undefined} tabUrl={undefined} onOpen={() => {}} />);
    await until(() => copyButton() !== undefined);
    await act(async () => copyButton()!.click());
    expect(host.querySelector('.reader-note [role="status"]')?.textContent).toBe('Could not copy: the browser refused the clipboard.');
  });

  it('shows no note on a page the site’s own reader read', async () => {
    const detections = stored('gmail-thread.html');
    expect(detections.reader).toBeUndefined();
    render(<OnThisPage state={{ status: 'ready', detections }} tabId={undefined} tabUrl={undefined} onOpen={() => {}} />);
    await until(() => host.querySelector('ul[aria-label="People on this page"]') !== null);
    expect(host.querySelector('.reader-note')).toBeNull();
    expect(copyButton()).toBeUndefined();
  });

  it('names the site from its declaration', () => {
    expect(readerText({ site: 'outlook' })).toBe("Outlook's page looks different from what this version knows; showing what a generic reader found.");
  });
});
