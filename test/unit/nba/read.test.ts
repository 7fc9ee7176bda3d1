/**
 * Reading next best actions from a real (fake-indexeddb) database written through lib/db: the
 * right contacts come out of the tier and stage indexes, trashed contacts never do, a prospect's
 * latest reply is found in their history, and dismissals hide suggestions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDeal, addInteraction, openCrmDatabase, saveDetectedContact, setContactStage, type CrmDatabase } from '@/lib/db';
import { DetectedContact, type ContactValue } from '@/lib/model';
import { readNextBestActions } from '@/lib/db/queries/nba';
import { DEFAULT_NBA_SETTINGS, withDismissal } from '@/lib/nba';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 10, 12);
let db: CrmDatabase;
let count = 0;
beforeEach(async () => {
  db = openCrmDatabase(`nba-read-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function contact(name: string, createdAt = NOW - 100 * DAY) {
  const detected = DetectedContact.parse({ name, emails: [`${name.toLowerCase().replace(/\W+/g, '.')}@example.org`] });
  return (await saveDetectedContact(db, detected, { kind: 'page' }, createdAt)).contact;
}

function valueRow(contactId: string, tier: ContactValue['tier']): ContactValue {
  return { contactId, historical: 1000, predictedPurchases: null, pAlive: null, expectedSpend: null, clv: null, rfm: { r: 0, f: 0, m: 0 }, tier, explanation: '', computedAt: NOW };
}

describe('readNextBestActions', () => {
  it('suggests for strategic, at-risk, expansion and waiting prospects only, and never for trashed contacts', async () => {
    const strategic = await contact('Stella Strategic');
    const recentStrategic = await contact('Rita Recent');
    const atRisk = await contact('Arno AtRisk');
    const expansion = await contact('Ella Expansion');
    const prospect = await contact('Pia Prospect');
    const replied = await contact('Rob Replied');
    const plain = await contact('Paul Plain');
    const trashed = await contact('Tom Trashed');
    await db.values.bulkPut([valueRow(strategic.id, 'strategic'), valueRow(recentStrategic.id, 'strategic'), valueRow(atRisk.id, 'at-risk'), valueRow(plain.id, 'core'), valueRow(trashed.id, 'strategic')]);
    await addInteraction(db, { contactId: strategic.id, kind: 'call', at: NOW - 40 * DAY }, NOW - 40 * DAY);
    await addInteraction(db, { contactId: recentStrategic.id, kind: 'meeting', at: NOW - 5 * DAY }, NOW - 5 * DAY);
    await setContactStage(db, expansion.id, 'expansion', NOW - 50 * DAY);
    for (const p of [prospect, replied]) {
      await setContactStage(db, p.id, 'prospect', NOW - 30 * DAY);
      await addDeal(db, { contactId: p.id, title: 'Pilot', amount: 100_000, currency: 'EUR', status: 'open', at: NOW + 30 * DAY }, NOW - 20 * DAY);
    }
    // Pia: we wrote twice, her last reply was 12 days ago. Rob replied yesterday.
    await addInteraction(db, { contactId: prospect.id, kind: 'email', direction: 'in', at: NOW - 12 * DAY, subject: 'Re: pilot' }, NOW - 12 * DAY);
    await addInteraction(db, { contactId: prospect.id, kind: 'email', direction: 'out', at: NOW - 10 * DAY, subject: 'Pilot' }, NOW - 10 * DAY);
    await addInteraction(db, { contactId: prospect.id, kind: 'email', direction: 'out', at: NOW - 3 * DAY, subject: 'Pilot?' }, NOW - 3 * DAY);
    await addInteraction(db, { contactId: replied.id, kind: 'email', direction: 'in', at: NOW - DAY, subject: 'Re: pilot' }, NOW - DAY);
    await db.contacts.update(trashed.id, { deletedAt: NOW - DAY });

    const { suggestions, dismissed } = await readNextBestActions(db, { ...DEFAULT_NBA_SETTINGS }, {}, NOW);
    expect(dismissed).toBe(0);
    expect(suggestions.map((s) => [s.rule, s.contactName])).toEqual([
      ['strategic-check-in', 'Stella Strategic'],
      ['at-risk-win-back', 'Arno AtRisk'],
      ['prospect-nudge', 'Pia Prospect'],
      ['expansion-cross-sell', 'Ella Expansion'],
    ]);
    expect(suggestions.find((s) => s.rule === 'prospect-nudge')?.why).toContain('no reply for 12 days');
    expect(suggestions[0]?.why).toContain('last contacted 40 days ago');
  });

  it('never adds open deals in different currencies together: the nudge names each total', async () => {
    const prospect = await contact('Mia Mixed');
    await setContactStage(db, prospect.id, 'prospect', NOW - 30 * DAY);
    await addDeal(db, { contactId: prospect.id, title: 'Pilot', amount: 100_000, currency: 'EUR', status: 'open', at: NOW + 30 * DAY }, NOW - 20 * DAY);
    await addDeal(db, { contactId: prospect.id, title: 'Licences', amount: 30_000, currency: 'USD', status: 'open', at: NOW + 30 * DAY }, NOW - 20 * DAY);
    await addDeal(db, { contactId: prospect.id, title: 'Support', amount: 5_000, currency: 'EUR', status: 'open', at: NOW + 30 * DAY }, NOW - 20 * DAY);
    const { suggestions } = await readNextBestActions(db, { ...DEFAULT_NBA_SETTINGS }, {}, NOW);
    const why = suggestions.find((s) => s.rule === 'prospect-nudge')?.why ?? '';
    // €1,050 + $300, largest first; never "1,350" in either currency.
    expect(why).toMatch(/^Prospect with 3 open deals \((?=.*€)(?=.*1,050).* \+ (?=.*\$)(?=.*300)[^)]*\)/);
    expect(why).not.toContain('1,350');
  });

  it('hides a dismissed suggestion and counts it', async () => {
    const strategic = await contact('Stella Strategic');
    await db.values.put(valueRow(strategic.id, 'strategic'));
    const dismissals = withDismissal({}, 'strategic-check-in', strategic.id, 30, NOW - DAY);
    expect(await readNextBestActions(db, { ...DEFAULT_NBA_SETTINGS }, dismissals, NOW)).toEqual({ suggestions: [], dismissed: 1 });
  });
});
