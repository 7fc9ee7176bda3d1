import { describe, expect, it } from 'vitest';
import { composeUrl, contactedWithin, describeProgress, OutreachSession, outreachProgress, planOutreach, withOutcome } from '@/lib/outreach';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6, 12);
const template = { id: 't1', name: 'Check-in', subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}, how is {{company}}?\nAda' };

describe('planOutreach', () => {
  const candidates = [
    { contact: { id: 'grace', name: 'Grace Hopper', emails: ['grace@cobol.dev'], company: 'Navy' }, lastContactedAt: NOW - 3 * DAY },
    { contact: { id: 'alan', name: 'Alan Turing', emails: ['alan@bletchley.uk'] } },
    { contact: { id: 'ada', name: 'Ada Lovelace', emails: ['ada@engines.co'], company: 'Engines' }, lastContactedAt: NOW - 40 * DAY },
    { contact: { id: 'kat', name: 'Katherine Johnson', emails: [] } },
  ];

  it('drafts, skips the recently contacted with when, lists missing placeholders and members without an address', () => {
    const plan = planOutreach({ candidates, template, skipWithinDays: 30, now: NOW });
    expect(plan.toDraft.map((draft) => draft.contactId)).toEqual(['ada', 'alan']); // by name
    expect(plan.toDraft[0]).toEqual({
      contactId: 'ada',
      name: 'Ada Lovelace',
      email: 'ada@engines.co',
      subject: 'Hello Ada',
      body: 'Hi Ada, how is Engines?\nAda',
      missing: [],
    });
    expect(plan.toDraft[1]!.body).toBe('Hi Alan, how is {{company}}?\nAda');
    expect(plan.skipped).toEqual([{ contactId: 'grace', name: 'Grace Hopper', lastContactedAt: NOW - 3 * DAY }]);
    expect(plan.noEmail).toEqual([{ contactId: 'kat', name: 'Katherine Johnson' }]);
    expect(plan.missing).toEqual([{ contactId: 'alan', name: 'Alan Turing', placeholders: ['company'] }]);
    expect(plan.templateErrors).toBe(0);
  });

  it('skips nobody at 0 days, and counts the boundary day as within', () => {
    expect(planOutreach({ candidates, template, skipWithinDays: 0, now: NOW }).skipped).toEqual([]);
    expect(contactedWithin(NOW - 3 * DAY, 3, NOW)).toBe(true);
    expect(contactedWithin(NOW - 3 * DAY - 1, 3, NOW)).toBe(false);
    expect(contactedWithin(undefined, 3, NOW)).toBe(false);
  });

  it('counts placeholders written wrong in the template', () => {
    expect(planOutreach({ candidates: [], template: { ...template, body: 'Hi {{nope}}' }, skipWithinDays: 0, now: NOW }).templateErrors).toBe(1);
  });
});

describe('composeUrl', () => {
  const fields = { to: 'ada@engines.co', subject: 'Hello Ada & co', body: 'Hi Ada,\nhow is 1+1?' };

  it('Gmail: view=cm with to, su and body, spaces as %20 and never +', () => {
    const url = composeUrl('gmail', fields);
    expect(url).toBe('https://mail.google.com/mail/?view=cm&fs=1&to=ada%40engines.co&su=Hello%20Ada%20%26%20co&body=Hi%20Ada%2C%0Ahow%20is%201%2B1%3F');
    const params = new URL(url).searchParams;
    expect([params.get('to'), params.get('su'), params.get('body')]).toEqual([fields.to, fields.subject, fields.body]);
  });

  it('Outlook: the deeplink compose with to, subject and body; no subject when the template has none', () => {
    const url = new URL(composeUrl('outlook', fields));
    expect(url.origin + url.pathname).toBe('https://outlook.office.com/mail/deeplink/compose');
    expect(Object.fromEntries(url.searchParams)).toEqual({ to: fields.to, subject: fields.subject, body: fields.body });
    expect(new URL(composeUrl('outlook', { to: 'a@b.co', body: 'x' })).searchParams.has('subject')).toBe(false);
  });
});

describe('outreach progress', () => {
  const session = OutreachSession.parse({
    segmentId: 's',
    templateId: 't1',
    mailbox: 'gmail',
    skipWithinDays: 30,
    startedAt: NOW,
    queue: ['a', 'b', 'c'],
    outcomes: {},
  });

  it('walks the queue: the first member without an outcome is next, drafted and skipped counted', () => {
    expect(outreachProgress(session)).toEqual({ total: 3, drafted: 0, skipped: 0, current: 'a', position: 1 });
    const later = withOutcome(withOutcome(session, 'a', 'drafted'), 'b', 'skipped');
    expect(outreachProgress(later)).toEqual({ total: 3, drafted: 1, skipped: 1, current: 'c', position: 3 });
    expect(describeProgress(outreachProgress(later))).toBe('1 of 3 drafted, 1 skipped');
    const done = withOutcome(later, 'c', 'drafted');
    expect(outreachProgress(done)).toMatchObject({ drafted: 2, current: null, position: 4 });
    expect(describeProgress(outreachProgress(done))).toBe('2 of 3 drafted, 1 skipped');
  });

  it('ignores an outcome for someone not in the queue, and refuses a malformed session', () => {
    expect(withOutcome(session, 'zed', 'drafted')).toBe(session);
    expect(OutreachSession.safeParse({ ...session, mailbox: 'yahoo' }).success).toBe(false);
  });
});
