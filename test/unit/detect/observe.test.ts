// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAGE_ENGINE } from '@/lib/detect/engines/page';
import { ScanScheduler } from '@/lib/detect/observe';
import type { DetectionResult } from '@/lib/detect';

const controllers: AbortController[] = [];
afterEach(() => {
  controllers.forEach((controller) => controller.abort());
  controllers.length = 0;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
});

function startScheduler(html: string, options: { sliceMs?: number; fullScanIntervalMs?: number } = {}) {
  document.body.innerHTML = html;
  const reports: DetectionResult[] = [];
  const controller = new AbortController();
  controllers.push(controller);
  const scheduler = new ScanScheduler({
    engine: PAGE_ENGINE,
    document,
    url: () => 'https://people.example.net/team',
    report: (result) => reports.push(result),
    signal: controller.signal,
    settleMs: 0,
    fullScanIntervalMs: options.fullScanIntervalMs ?? 0,
    sliceMs: options.sliceMs ?? 8,
  });
  scheduler.start();
  const emails = () => reports.at(-1)?.contacts.flatMap((contact) => contact.emails ?? []) ?? [];
  return { scheduler, reports, controller, emails };
}

const link = (email: string, name: string) => `<a href="mailto:${email}">${name}</a>`;

describe('ScanScheduler', () => {
  it('scans the page at start', async () => {
    const { emails } = startScheduler(link('ada@engines.co', 'Ada Lovelace'));
    await vi.waitFor(() => expect(emails()).toEqual(['ada@engines.co']));
  });

  it('scans only what was added, and reports the union', async () => {
    const { emails, reports } = startScheduler(link('ada@engines.co', 'Ada Lovelace'));
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    const added = document.createElement('a');
    added.href = 'mailto:grace@navy.net';
    added.textContent = 'Grace Hopper';
    document.body.append(added); // the added element is itself the mailto link
    await vi.waitFor(() => expect(emails()).toEqual(['ada@engines.co', 'grace@navy.net']));
  });

  it('keeps the caps reached, and adds those an added part reaches', async () => {
    const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => `<li>p${from + i}@northwind.co</li>`).join('');
    const { reports } = startScheduler(`<ul>${rows(0, 250)}</ul>`);
    await vi.waitFor(() => expect(reports.at(-1)?.limits).toEqual([{ what: 'addresses', read: 200, found: 250 }]));
    const added = document.createElement('ul');
    added.innerHTML = rows(1_000, 300) + '<li><a href="mailto:grace@navy.net">Grace Hopper</a></li>';
    document.body.append(added);
    await vi.waitFor(() => expect(reports.at(-1)?.contacts.some((contact) => contact.name === 'Grace Hopper')).toBe(true));
    // The added list was read alone (200 of its 300); one cap per kind is kept, the whole page's.
    expect(reports.at(-1)?.limits).toEqual([{ what: 'addresses', read: 200, found: 250 }]);
  });

  it('re-scans the whole page after a removal, so a removed person disappears', async () => {
    const { emails } = startScheduler(`<p id="a">${link('ada@engines.co', 'Ada')}</p>${link('bob@engines.co', 'Bob')}`);
    await vi.waitFor(() => expect(emails()).toHaveLength(2));
    document.getElementById('a')!.remove();
    await vi.waitFor(() => expect(emails()).toEqual(['bob@engines.co']));
  });

  it('does not report an unchanged result again', async () => {
    const { reports } = startScheduler(link('ada@engines.co', 'Ada'));
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    document.body.append(document.createElement('span'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reports).toHaveLength(1);
  });

  it('does nothing while the tab is hidden, then catches up when it becomes visible', async () => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    const { reports, emails } = startScheduler(link('ada@engines.co', 'Ada'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reports).toHaveLength(0);
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(emails()).toEqual(['ada@engines.co']));
  });

  it('works through many added subtrees in slices, yielding between them', async () => {
    const { scheduler, reports, emails } = startScheduler('', { sliceMs: 0 });
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    const runSlice = vi.spyOn(scheduler, 'runSlice');
    for (let i = 0; i < 20; i++) {
      const section = document.createElement('section');
      section.innerHTML = link(`p${i}@engines.co`, `Person Number`);
      document.body.append(section);
    }
    await vi.waitFor(() => expect(emails()).toHaveLength(20));
    // A zero budget still makes progress (one subtree per slice), so it took many slices.
    expect(runSlice.mock.calls.length).toBeGreaterThan(5);
  });

  it('stops observing when aborted', async () => {
    const { controller, reports } = startScheduler(link('ada@engines.co', 'Ada'));
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    controller.abort();
    document.body.insertAdjacentHTML('beforeend', link('late@engines.co', 'Late Comer'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reports).toHaveLength(1);
  });
});
