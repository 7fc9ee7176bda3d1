/**
 * The job-change rule (issue 22, item 3): a strategic or growth customer whose new title or
 * company the user accepted from a page → "Ada moved to Initech: a new account?", for
 * `jobChangeDays`; the pure rule, then read from a real (fake-indexeddb) database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptProfileChanges, addInteraction, openCrmDatabase, saveDetectedContact, type CrmDatabase } from '@/lib/db';
import { readNextBestActions } from '@/lib/db/queries/nba';
import { DetectedContact, type ContactValue } from '@/lib/model';
import { DEFAULT_NBA_SETTINGS, parseStoredNbaSettings, rankSuggestions, suggestionsFor, type NbaCandidate, type NbaSettings } from '@/lib/nba';
import { proposeProfileChanges } from '@/lib/profile-changes';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6, 12);
const settings: NbaSettings = { ...DEFAULT_NBA_SETTINGS };

function candidate(extra: Partial<NbaCandidate>): NbaCandidate {
  return { contactId: 'c1', name: 'Ada Lovelace', stage: 'customer', createdAt: NOW - 400 * DAY, lastContactedAt: NOW - DAY, openDeals: 0, openDealValue: 0, ...extra };
}

const moved = { at: NOW - 3 * DAY, title: 'Head of Data', company: 'Initech', movedCompany: true };

describe('job-change-new-account rule', () => {
  it('a strategic customer who moved company → a new account, saying when and to what', () => {
    const [only, ...rest] = suggestionsFor(candidate({ tier: 'strategic', jobChange: moved }), settings, NOW);
    expect(rest).toEqual([]);
    expect(only).toEqual({
      rule: 'job-change-new-account',
      contactId: 'c1',
      contactName: 'Ada Lovelace',
      why: 'Strategic customer whose profile changed 3 days ago to Head of Data at Initech (rule: a job change in the last 30 days).',
      taskTitle: 'Ada Lovelace moved to Initech: a new account?',
      quietDays: 3,
    });
  });

  it('a growth customer with a new title at the same company → a new opportunity', () => {
    const [only] = suggestionsFor(candidate({ tier: 'growth', jobChange: { ...moved, movedCompany: false } }), settings, NOW);
    expect(only?.taskTitle).toBe('Ada Lovelace is now Head of Data: a new opportunity?');
    expect(only?.why).toMatch(/^Growth customer whose profile changed/);
  });

  it('fires only for strategic and growth tiers, and only inside jobChangeDays', () => {
    const rules = (c: NbaCandidate, s = settings) => suggestionsFor(c, s, NOW).map((x) => x.rule);
    for (const tier of ['core', 'at-risk', 'prospect'] as const) expect(rules(candidate({ tier, jobChange: moved }))).not.toContain('job-change-new-account');
    expect(rules(candidate({ jobChange: moved }))).toEqual([]);
    expect(rules(candidate({ tier: 'strategic' }))).toEqual([]);
    expect(rules(candidate({ tier: 'strategic', jobChange: { ...moved, at: NOW - 30 * DAY } }))).toEqual([]);
    expect(rules(candidate({ tier: 'strategic', jobChange: { ...moved, at: NOW - 30 * DAY } }), { ...settings, jobChangeDays: 31 })).toEqual(['job-change-new-account']);
  });

  it('ranks right after check-ins, and its window is a setting with a default', () => {
    const job = suggestionsFor(candidate({ contactId: 'j', tier: 'growth', jobChange: moved }), settings, NOW);
    const checkIn = suggestionsFor(candidate({ contactId: 's', tier: 'strategic', lastContactedAt: NOW - 40 * DAY }), settings, NOW);
    const winBack = suggestionsFor(candidate({ contactId: 'w', tier: 'at-risk', lastContactedAt: NOW - 40 * DAY }), settings, NOW);
    expect(rankSuggestions([...winBack, ...job, ...checkIn]).map((s) => s.contactId)).toEqual(['s', 'j', 'w']);
    expect(parseStoredNbaSettings({ jobChangeDays: 7 }).jobChangeDays).toBe(7);
    expect(parseStoredNbaSettings({ jobChangeDays: 0 }).jobChangeDays).toBe(30);
  });
});

describe('reading job changes from the database', () => {
  let db: CrmDatabase;
  let count = 0;
  beforeEach(async () => {
    db = openCrmDatabase(`nba-job-change-${++count}`);
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  const valueRow = (contactId: string, tier: ContactValue['tier']): ContactValue => ({
    contactId, historical: 1000, predictedPurchases: null, pAlive: null, expectedSpend: null, clv: null, rfm: { r: 0, f: 0, m: 0 }, tier, explanation: '', computedAt: NOW,
  });

  /** A customer stored at Acme, then the page's new job accepted `daysAgo` days ago. */
  async function acceptedMove(name: string, tier: ContactValue['tier'], daysAgo: number, page: Partial<DetectedContact>) {
    const email = `${name.split(' ')[0]!.toLowerCase()}@acme.test`;
    const { contact } = await saveDetectedContact(db, DetectedContact.parse({ name, emails: [email], title: 'Analyst', company: 'Acme' }), { kind: 'page' }, NOW - 100 * DAY);
    await db.values.put(valueRow(contact.id, tier));
    // Recently in touch, so no other rule fires for them.
    await addInteraction(db, { contactId: contact.id, kind: 'call', at: NOW - 2 * DAY }, NOW - 2 * DAY);
    const proposal = proposeProfileChanges(contact, DetectedContact.parse({ name, emails: [email], ...page }), { url: 'https://www.linkedin.com/in/x' }, {})!;
    await acceptProfileChanges(db, proposal, NOW - daysAgo * DAY);
    return contact;
  }

  it('suggests a new account for strategic and growth customers who moved, not for others or old or non-job changes', async () => {
    await acceptedMove('Ada Lovelace', 'strategic', 3, { title: 'Head of Data', company: 'Initech' });
    await acceptedMove('Grace Hopper', 'growth', 1, { title: 'Rear Admiral' });
    await acceptedMove('Core Carl', 'core', 1, { company: 'Initech' });
    await acceptedMove('Old Olga', 'growth', 40, { company: 'Initech' });
    await acceptedMove('Moving Mia', 'strategic', 1, { location: 'Berlin' });

    const { suggestions } = await readNextBestActions(db, { ...DEFAULT_NBA_SETTINGS }, {}, NOW);
    expect(suggestions.map((s) => [s.rule, s.taskTitle])).toEqual([
      ['job-change-new-account', 'Ada Lovelace moved to Initech: a new account?'],
      ['job-change-new-account', 'Grace Hopper is now Rear Admiral: a new opportunity?'],
    ]);
  });
});
