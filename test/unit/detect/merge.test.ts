import { describe, expect, it } from 'vitest';
import { mergeDetections } from '@/lib/detect/merge';
import type { DetectedContactInput } from '@/lib/model/detected';

const seen = (detector: string, person: Omit<DetectedContactInput, 'evidence'>): DetectedContactInput => ({
  ...person,
  evidence: [{ detector, element: 'x' }],
});

describe('mergeDetections', () => {
  it('makes one person of detections sharing an address, profile or number, with all evidence', () => {
    const merged = mergeDetections([
      seen('h-card', { name: 'Ada Lovelace', emails: ['ada@engines.co.uk'], company: 'Analytical Engines' }),
      seen('rel-me', { profiles: [{ kind: 'github', url: 'https://github.com/ada' }], role: 'subject' }),
      seen('mailto', { name: 'Ada', emails: ['ADA@engines.co.uk'], title: 'Analyst' }),
      // Links the first two: the address of one and the profile of the other.
      seen('schema-org', { emails: ['ada.l@engines.co.uk', 'ada@engines.co.uk'], profiles: [{ kind: 'github', url: 'https://github.com/ada' }], title: 'Engineer' }),
      seen('tel', { phones: ['+442079460000'] }),
      seen('h-card', { name: 'A. Lovelace', phones: ['+442079460000'], emails: ['ada.l@engines.co.uk'], photo: 'https://engines.co.uk/ada.jpg' }),
    ]);
    expect(merged).toHaveLength(1);
    const { evidence, ...person } = merged[0]!;
    expect(person).toEqual({
      name: 'Ada Lovelace',
      emails: ['ada@engines.co.uk', 'ada.l@engines.co.uk'],
      phones: ['+442079460000'],
      company: 'Analytical Engines',
      title: 'Analyst',
      photo: 'https://engines.co.uk/ada.jpg',
      profiles: [{ kind: 'github', url: 'https://github.com/ada' }],
      role: 'subject',
    });
    expect(evidence?.map((item) => item.detector).sort()).toEqual(['h-card', 'h-card', 'mailto', 'rel-me', 'schema-org', 'tel']);
  });

  it('prefers the more complete name, whichever detector saw it first', () => {
    const merged = mergeDetections([
      seen('mailto', { name: 'Ada', emails: ['ada@engines.co.uk'] }),
      seen('h-card', { name: 'Ada King Lovelace', emails: ['ada@engines.co.uk'] }),
      seen('mailto', { name: 'A. Lovelace', emails: ['ada@engines.co.uk'] }),
    ]);
    expect(merged.map((person) => person.name)).toEqual(['Ada King Lovelace']);
  });

  it('keeps people apart who share an address but not a name (a team inbox)', () => {
    const merged = mergeDetections([
      seen('h-card', { name: 'Ada Lovelace', emails: ['info@engines.co.uk'] }),
      seen('h-card', { name: 'Charles Babbage', emails: ['info@engines.co.uk'] }),
      seen('mailto', { emails: ['info@engines.co.uk'] }),
    ]);
    expect(merged.map((person) => [person.name, person.evidence?.length])).toEqual([
      ['Ada Lovelace', 2],
      ['Charles Babbage', 1],
    ]);
  });

  it('joins a name with nothing else, and one full name seen with different links, into one person', () => {
    const merged = mergeDetections([
      seen('schema-org', { name: 'Benjamin Romano' }),
      seen('h-card', { name: 'Benjamin Romano', profiles: [{ kind: 'website', url: 'https://news.net/author/ben' }] }),
      seen('h-card', { name: 'Benjamin Romano', profiles: [{ kind: 'twitter', url: 'https://twitter.com/bromano' }] }),
      seen('schema-org', { name: 'Mike' }),
      seen('schema-org', { name: 'Mike', profiles: [{ kind: 'website', url: 'https://mike.dev' }] }),
      seen('schema-org', { name: 'Mike', profiles: [{ kind: 'website', url: 'https://other-mike.dev' }] }),
      seen('mailto', { name: 'John Smith', emails: ['john@a-corp.com'] }),
      seen('mailto', { name: 'John Smith', emails: ['john@b-corp.com'] }),
    ]);
    expect(merged.map((person) => [person.name, (person.profiles ?? []).length, (person.emails ?? []).length])).toEqual([
      ['Benjamin Romano', 2, 0],
      ['Mike', 1, 0],
      ['Mike', 1, 0],
      ['John Smith', 0, 1],
      ['John Smith', 0, 1],
    ]);
  });

  it('bridges two people a later detection shows to be one', () => {
    const merged = mergeDetections([
      seen('mailto', { name: 'Ada Lovelace', emails: ['ada@engines.co.uk'] }),
      seen('rel-me', { profiles: [{ kind: 'github', url: 'https://github.com/ada' }] }),
      seen('h-card', { emails: ['ada@engines.co.uk'], profiles: [{ kind: 'github', url: 'https://github.com/ada' }] }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.evidence).toHaveLength(3);
  });

  it('drops text sightings of addresses other detectors reported, wherever they come in the list', () => {
    const merged = mergeDetections([
      seen('text', { emails: ['ada@engines.co.uk'] }),
      seen('text', { emails: ['grace@navy.net'] }),
      seen('mailto', { name: 'Ada Lovelace', emails: ['ada@engines.co.uk'] }),
    ]);
    expect(merged).toEqual([
      { emails: ['grace@navy.net'], evidence: [{ detector: 'text', element: 'x' }] },
      { name: 'Ada Lovelace', emails: ['ada@engines.co.uk'], evidence: [{ detector: 'mailto', element: 'x' }] },
    ]);
  });

  it('keeps every list within the model bounds', () => {
    const merged = mergeDetections(
      Array.from({ length: 80 }, (_, i) => seen('h-card', { name: 'Ada Lovelace', emails: [`ada${i}@engines.co.uk`], phones: [`+4420794600${String(i).padStart(2, '0')}`] })),
    );
    // Same full name, different addresses: kept apart.
    expect(merged).toHaveLength(80);
    const linked = mergeDetections(
      Array.from({ length: 80 }, (_, i) => seen('h-card', { emails: ['ada@engines.co.uk', `ada${i}@engines.co.uk`] })),
    );
    expect(linked).toHaveLength(1);
    expect(linked[0]?.emails).toHaveLength(50);
    expect(linked[0]?.evidence).toHaveLength(50);
  });

  it('merges 5,000 detections quickly', () => {
    const detections = Array.from({ length: 5_000 }, (_, i) => seen('mailto', { name: `Person Number${i}`, emails: [`p${i % 2_500}@engines.co.uk`] }));
    const started = performance.now();
    const merged = mergeDetections(detections);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(merged).toHaveLength(5_000);
  });

  it('joins an author and the nameless address that is theirs by name (wapo-1, wapo-2, macrumors.com)', () => {
    const merged = mergeDetections([
      seen('author', { name: 'Erin Cunningham', role: 'author' }),
      seen('author', { name: 'Juli Clover', role: 'author' }),
      seen('mailto', { emails: ['erin.cunningham@harbour-gazette.com'] }),
      seen('mailto', { emails: ['juli@harbour-gazette.com'] }),
      seen('mailto', { emails: ['tips@harbour-gazette.com'] }),
      seen('mailto', { name: 'Ed Cunningham', emails: ['ed.cunningham@harbour-gazette.com'] }),
    ]);
    expect(merged.map(({ name, emails, role }) => ({ name, emails, role }))).toEqual([
      { name: 'Erin Cunningham', emails: ['erin.cunningham@harbour-gazette.com'], role: 'author' },
      { name: 'Juli Clover', emails: ['juli@harbour-gazette.com'], role: 'author' },
      { name: undefined, emails: ['tips@harbour-gazette.com'], role: undefined },
      { name: 'Ed Cunningham', emails: ['ed.cunningham@harbour-gazette.com'], role: undefined },
    ]);
  });
});
