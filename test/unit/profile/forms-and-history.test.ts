import { describe, expect, it } from 'vitest';
import { filterHistory, historyEntries } from '@/components/history/history-entries';
import { emptyLogForm, localDateTime, parseLogForm } from '@/components/profile/log-form';
import type { Deal, Interaction } from '@/lib/model';

describe('parseLogForm', () => {
  const base = { ...emptyLogForm(new Date(2026, 2, 31, 14, 30).getTime()) };

  it('reads a note in local time', () => {
    expect(base.when).toBe('2026-03-31T14:30');
    const parsed = parseLogForm({ ...base, body: '  Likes tea  ' }, 'c1');
    expect(parsed).toEqual({ ok: true, interaction: { contactId: 'c1', kind: 'note', at: new Date(2026, 2, 31, 14, 30).getTime(), body: 'Likes tea' } });
  });

  it('reads a call with duration and outcome', () => {
    const parsed = parseLogForm({ ...base, kind: 'call', duration: '25', outcome: ' Demo booked ' }, 'c1');
    expect(parsed.ok && parsed.interaction).toMatchObject({ kind: 'call', durationMinutes: 25, outcome: 'Demo booked' });
    expect(parsed.ok && 'body' in parsed.interaction).toBe(false);
  });

  it('explains bad input in words', () => {
    expect(parseLogForm({ ...base }, 'c1')).toEqual({ ok: false, errors: { body: 'Write the note first.' } });
    const bad = parseLogForm({ ...base, kind: 'meeting', when: '2026-02-30T10:00', duration: 'half an hour' }, 'c1');
    expect(bad.ok ? {} : bad.errors).toEqual({
      when: 'Enter when it happened, like 2026-03-31 14:30.',
      duration: 'Enter the length in whole minutes, from 0 to 1440.',
    });
    expect(parseLogForm({ ...base, kind: 'visit' }, 'c1')).toMatchObject({ ok: false, errors: { kind: 'Choose a note, call or meeting.' } });
  });

  it('formats local date-times for the input', () => {
    expect(localDateTime(new Date(2026, 0, 5, 7, 3).getTime())).toBe('2026-01-05T07:03');
  });
});

describe('historyEntries', () => {
  const interactions: Interaction[] = [
    { id: 'i1', contactId: 'c', kind: 'email', at: 300, direction: 'in', subject: 'Renewal' },
    { id: 'i2', contactId: 'c', kind: 'stage-change', at: 100, subject: 'lead → customer' },
    { id: 'i3', contactId: 'c', kind: 'call', at: 200, body: '<b>hi</b>', ...{ durationMinutes: 5, outcome: 'Voicemail' } },
  ];
  const deals: Deal[] = [{ id: 'd1', contactId: 'c', title: 'Seats', amount: 125_000, currency: 'USD', status: 'won', at: 250 }];

  it('merges interactions and deals, newest first, as text', () => {
    const entries = historyEntries(interactions, deals);
    expect(entries.map((e) => [e.kind, e.summary, e.body])).toEqual([
      ['email', 'Received · Renewal', undefined],
      ['deal', expect.stringMatching(/^Seats · .*1,250\.00 · won$/), undefined],
      ['call', '5 min · Voicemail', '<b>hi</b>'],
      ['stage-change', 'lead → customer', undefined],
    ]);
    expect(filterHistory(entries, 'deal').map((e) => e.key)).toEqual(['d:d1']);
    expect(filterHistory(entries, 'all')).toHaveLength(4);
  });
});
