import { describe, expect, it } from 'vitest';
import { byRelevance, profileOwner } from '@/components/on-this-page/relevance';
import { DetectedContact, type DetectedContactInput } from '@/lib/model';

const person = (name: string, role: DetectedContactInput['role'], extra: Partial<DetectedContactInput> = {}) =>
  DetectedContact.parse({ name, role, ...extra });

describe('people on a page, most relevant first', () => {
  it('orders by role: profile owner, sender or author, page contact, to, cc, mentioned', () => {
    const people = [person('M', 'mentioned'), person('C', 'cc'), person('T', 'to'), person('P', 'contact'), person('F', 'from'), person('S', 'subject')];
    const ordered = byRelevance(people.map((p) => ({ person: p, contact: null })));
    expect(ordered.map((entry) => entry.person.name)).toEqual(['S', 'F', 'P', 'T', 'C', 'M']);
  });

  it('puts recognised contacts before unknown people within a role, else keeps page order', () => {
    const entries = [
      { person: person('To unknown 1', 'to'), contact: null },
      { person: person('To unknown 2', 'to'), contact: null },
      { person: person('To known', 'to'), contact: { id: 'k' } },
      { person: person('From unknown', 'from'), contact: null },
    ];
    expect(byRelevance(entries).map((entry) => entry.person.name)).toEqual([
      'From unknown',
      'To known',
      'To unknown 1',
      'To unknown 2',
    ]);
    expect(entries[0]!.person.name).toBe('To unknown 1');
  });
});

describe('the owner of a profile page', () => {
  const url = 'https://github.com/ada';
  it('is the subject, or the person whose profile is the page', () => {
    const subject = person('Ada', 'subject');
    const other = person('Bob', 'mentioned');
    expect(profileOwner([other, subject], { kind: 'profile', site: 'github', url })).toBe(subject);
    const linked = person('Ada', 'mentioned', { profiles: [{ kind: 'github', url }] });
    expect(profileOwner([other, linked], { kind: 'profile', site: 'github', url })).toBe(linked);
  });

  it('is nobody on other pages', () => {
    expect(profileOwner([person('Ada', 'subject')], undefined)).toBeNull();
  });
});
