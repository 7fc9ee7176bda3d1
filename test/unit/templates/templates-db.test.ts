import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSegment, deleteSegment, deleteTemplate, listTemplates, openCrmDatabase, renderTemplatesFor, saveTemplate, templatesOfferedFor, type CrmDatabase } from '@/lib/db';

let db: CrmDatabase;
beforeEach(async () => {
  db = openCrmDatabase(`templates-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

function contact(id: string, name: string | undefined, emails: string[], extra: object = {}) {
  return {
    id, ...(name ? { name } : {}), emails, phones: [], profiles: [], tags: [], stage: 'lead' as const, userFields: [],
    createdAt: 1, updatedAt: 1, profileUrls: [], searchTokens: [], ...extra,
  };
}

describe('templates table', () => {
  it('creates, edits and deletes templates, listed by name', async () => {
    const intro = await saveTemplate(db, { name: '  intro ', subject: '  ', body: 'Hi {{firstName|there}}' }, 100);
    expect(intro).toMatchObject({ name: 'intro', body: 'Hi {{firstName|there}}', createdAt: 100, updatedAt: 100 });
    expect(intro).not.toHaveProperty('subject');
    await saveTemplate(db, { name: 'Follow-up', subject: 'Next steps', body: 'Hello' }, 110);
    expect((await listTemplates(db)).map((t) => t.name)).toEqual(['Follow-up', 'intro']);

    const edited = await saveTemplate(db, { id: intro.id, name: 'Intro', subject: 'Hello {{company}}', body: 'Hi' }, 200);
    expect(edited).toMatchObject({ id: intro.id, name: 'Intro', subject: 'Hello {{company}}', createdAt: 100, updatedAt: 200 });
    expect(await db.templates.count()).toBe(2);

    await deleteTemplate(db, intro.id);
    expect((await listTemplates(db)).map((t) => t.name)).toEqual(['Follow-up']);
    await expect(saveTemplate(db, { id: intro.id, name: 'Intro', body: 'Hi' })).rejects.toThrow(/deleted/);
  });

  it('refuses a template without a name or a body', async () => {
    await expect(saveTemplate(db, { name: ' ', body: 'Hi' })).rejects.toThrow(/name/);
    await expect(saveTemplate(db, { name: 'Empty', body: '\n ' })).rejects.toThrow(/body/);
    expect(await db.templates.count()).toBe(0);
  });

  it('is a synced table: a save queues its fields, an edit its changed field, a delete a tombstone', async () => {
    const intro = await saveTemplate(db, { name: 'Intro', subject: 'Hello', body: 'Hi' }, 1_000);
    const queued = await db.outbox.get(['templates', intro.id]);
    expect(Object.keys(queued!.fields).sort()).toEqual(['body', 'createdAt', 'name', 'subject', 'updatedAt']);
    expect(queued!.fields.name!.value).toBe('Intro');

    await db.outbox.clear();
    await saveTemplate(db, { id: intro.id, name: 'Intro', body: 'Hi' }, 2_000);
    // The subject was cleared: it syncs as null, so other browsers drop it too.
    expect((await db.outbox.get(['templates', intro.id]))!.fields).toMatchObject({ subject: { value: null }, updatedAt: { value: 2_000 } });

    await deleteTemplate(db, intro.id);
    const tombstone = await db.outbox.get(['templates', intro.id]);
    expect(tombstone!.deleted).toEqual(expect.any(String));
    expect(tombstone!.fields).toEqual({});
  });
});

describe('a template for one segment (issue 22)', () => {
  it('stores the segment, syncs it, and syncs its clearing (back to everyone) as null', async () => {
    const vips = await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }], 500);
    const renewal = await saveTemplate(db, { name: 'Renewal', body: 'Hi', segmentId: vips.id }, 1_000);
    expect(renewal.segmentId).toBe(vips.id);
    expect((await db.outbox.get(['templates', renewal.id]))!.fields.segmentId!.value).toBe(vips.id);

    await db.outbox.clear();
    const general = await saveTemplate(db, { id: renewal.id, name: 'Renewal', body: 'Hi' }, 2_000);
    expect(general).not.toHaveProperty('segmentId');
    expect((await db.outbox.get(['templates', renewal.id]))!.fields).toMatchObject({ segmentId: { value: null } });
  });

  it('is saved for everyone when its segment no longer exists, as the editor shows it', async () => {
    const gone = await createSegment(db, 'Old list', [{ field: 'tag', op: 'has', value: 'old' }]);
    await deleteSegment(db, gone.id);
    expect(await saveTemplate(db, { name: 'Old news', body: 'Hi', segmentId: gone.id })).not.toHaveProperty('segmentId');
  });

  it('is offered to a contact by that contact’s own facts, and the compose button offers the same', async () => {
    const vips = await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    await db.contacts.bulkAdd([contact('ada', 'Ada', ['ada@example.org'], { tags: ['vip'] }), contact('alan', 'Alan', ['alan@example.org'])]);
    await saveTemplate(db, { name: 'Check-in', body: 'Hi {{firstName}}' });
    await saveTemplate(db, { name: 'VIP renewal', body: 'Dear {{firstName}}', segmentId: vips.id });

    const ada = (await db.contacts.get('ada'))!;
    expect((await templatesOfferedFor(db, ada)).map(({ template }) => template.name)).toEqual(['VIP renewal', 'Check-in']);
    expect((await renderTemplatesFor(db, 'ada@example.org')).templates.map((t) => t.body)).toEqual(['Dear Ada', 'Hi Ada']);
    expect((await renderTemplatesFor(db, 'alan@example.org')).templates.map((t) => t.name)).toEqual(['Check-in']);
    // A stranger is in no segment, even one whose rule a bare address would meet.
    await saveTemplate(db, { name: 'No phone', body: 'Hi', segmentId: (await createSegment(db, 'No phone', [{ field: 'phone', op: 'lacks' }])).id });
    expect((await renderTemplatesFor(db, 'new@example.org')).templates.map((t) => t.name)).toEqual(['Check-in']);
  });
});

describe('renderTemplatesFor', () => {
  it('renders every template for the stored contact with that address, in any letter case', async () => {
    await db.contacts.bulkAdd([
      contact('old', 'Gracie', ['grace@cobol.dev'], { updatedAt: 1 }),
      contact('grace', 'Grace Hopper', ['grace@cobol.dev'], { company: 'US Navy', updatedAt: 5 }),
      contact('gone', 'Deleted Grace', ['grace@cobol.dev'], { updatedAt: 9, deletedAt: 9 }),
    ]);
    await saveTemplate(db, { name: 'Intro', subject: 'For {{company}}', body: 'Hi {{firstName}}, {{title}}' });
    const rendered = await renderTemplatesFor(db, ' Grace@COBOL.dev ');
    expect(rendered.known).toBe(true);
    expect(rendered.templates).toEqual([
      expect.objectContaining({ name: 'Intro', subject: 'For US Navy', body: 'Hi Grace, {{title}}', missing: ['title'], errorCount: 0 }),
    ]);
  });

  it('renders for a stranger known only by the address, fallbacks included', async () => {
    await saveTemplate(db, { name: 'Intro', body: 'Hi {{firstName|there}} ({{email}}) {{nope}}' });
    const rendered = await renderTemplatesFor(db, 'new@example.org');
    expect(rendered.known).toBe(false);
    expect(rendered.templates[0]).toMatchObject({ body: 'Hi there (new@example.org) {{nope}}', missing: [], errorCount: 1 });
  });
});
