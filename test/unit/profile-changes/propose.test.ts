/**
 * Change detection (issue 22, item 3): a page that shows a different title, company, location or
 * photo than a matched contact proposes a change; the same value in other spelling does not;
 * a value the user answered Keep to does not come back; a new one does.
 */
import { describe, expect, it } from 'vitest';
import { Contact, DetectedContact, type EditableField } from '@/lib/model';
import {
  changeSentence,
  changeSubject,
  isCompanyMoveSubject,
  isJobChange,
  isJobChangeSubject,
  isKept,
  MAX_KEPT,
  parseKeptValues,
  personOnPageFor,
  proposeProfileChanges,
  withKept,
  type KeptValues,
} from '@/lib/profile-changes';

const NOW = Date.UTC(2026, 11, 6, 12);
const SOURCE = { url: 'https://www.linkedin.com/in/ada', site: 'linkedin' };

function stored(fields: Partial<Contact> = {}, userFields: EditableField[] = []): Contact {
  return Contact.parse({
    id: 'c1',
    name: 'Ada Lovelace',
    emails: ['ada@acme.test'],
    title: 'Analyst',
    company: 'Acme',
    location: 'London',
    avatarUrl: 'https://media.licdn.com/dms/image/v2/ABC/profile-displayphoto-shrink_200_200/0/1?e=1&t=old',
    userFields,
    createdAt: NOW - 1000,
    updatedAt: NOW - 1000,
    ...fields,
  });
}

const page = (fields: Partial<DetectedContact>) => DetectedContact.parse({ name: 'Ada Lovelace', role: 'subject', ...fields });

describe('proposeProfileChanges', () => {
  it('proposes each field the page shows differently, with stored value, page value and source', () => {
    const proposal = proposeProfileChanges(stored(), page({ title: 'Head of Data', company: 'Initech', location: 'Berlin' }), SOURCE, {});
    expect(proposal).toEqual({
      contactId: 'c1',
      source: SOURCE,
      changes: [
        { field: 'title', stored: 'Analyst', page: 'Head of Data', typed: false },
        { field: 'company', stored: 'Acme', page: 'Initech', typed: false },
        { field: 'location', stored: 'London', page: 'Berlin', typed: false },
      ],
    });
  });

  it('proposes nothing for values equal after normalising: case, whitespace, legal suffixes, headlines, photo query strings', () => {
    const same = page({
      title: '  analyst ',
      company: 'ACME, Inc.',
      location: 'london',
      photo: 'https://media.licdn.com/dms/image/v2/ABC/profile-displayphoto-shrink_200_200/0/1?e=2&t=new',
    });
    expect(proposeProfileChanges(stored(), same, SOURCE, {})).toBeNull();
    // A full LinkedIn headline stored as the title is the same job as its title alone.
    expect(proposeProfileChanges(stored({ title: 'Analyst at Acme | Data nerd' }), page({ title: 'Analyst' }), SOURCE, {})).toBeNull();
    // Fields the page does not show are not changes.
    expect(proposeProfileChanges(stored(), page({}), SOURCE, {})).toBeNull();
  });

  it('proposes a new photo when the picture itself differs on the same site, not another site’s picture', () => {
    const proposal = proposeProfileChanges(stored(), page({ photo: 'https://media.licdn.com/dms/image/v2/XYZ/profile-displayphoto-shrink_200_200/0/2' }), SOURCE, {});
    expect(proposal?.changes.map((change) => change.field)).toEqual(['avatarUrl']);
    expect(proposeProfileChanges(stored(), page({ photo: 'https://avatars.githubusercontent.com/u/42?v=4' }), SOURCE, {})).toBeNull();
  });

  it('reads GitHub’s "@acme" company as Acme', () => {
    expect(proposeProfileChanges(stored(), page({ company: '@acme' }), SOURCE, {})).toBeNull();
  });

  it('marks typed fields, and leaves alone a field the user cleared on purpose', () => {
    const typed = stored({ location: undefined }, ['title', 'location']);
    const proposal = proposeProfileChanges(typed, page({ title: 'Head of Data', location: 'Berlin' }), SOURCE, {});
    expect(proposal?.changes).toEqual([{ field: 'title', stored: 'Analyst', page: 'Head of Data', typed: true }]);
  });

  it('offers to fill an empty field nobody typed', () => {
    const proposal = proposeProfileChanges(stored({ location: undefined }), page({ location: 'Berlin' }), SOURCE, {});
    expect(proposal?.changes).toEqual([{ field: 'location', page: 'Berlin', typed: false }]);
  });

  it('remembers Keep: the same page value (in any spelling) does not alert again, a newer one does', () => {
    const first = proposeProfileChanges(stored(), page({ title: 'Head of Data', company: 'Initech' }), SOURCE, {})!;
    const kept: KeptValues = withKept({}, 'c1', first.changes, NOW);
    // Kept values survive a round trip through storage's parser.
    const reread = parseKeptValues(JSON.parse(JSON.stringify(kept)));
    expect(proposeProfileChanges(stored(), page({ title: 'head of  data', company: 'Initech Inc.' }), SOURCE, reread)).toBeNull();
    const later = proposeProfileChanges(stored(), page({ title: 'VP Data', company: 'Initech' }), SOURCE, reread);
    expect(later?.changes).toEqual([{ field: 'title', stored: 'Analyst', page: 'VP Data', typed: false }]);
    // Keep is per contact.
    expect(proposeProfileChanges(stored({ id: 'c2' }), page({ title: 'Head of Data' }), SOURCE, reread)).not.toBeNull();
    // Two sites wording one place differently: keeping the second does not bring back the first.
    const twice = withKept(withKept({}, 'c1', [{ field: 'location', page: 'San Francisco', typed: false }], NOW), 'c1', [{ field: 'location', page: 'San Francisco Bay Area', typed: false }], NOW + 1);
    expect(proposeProfileChanges(stored(), page({ location: 'San Francisco' }), SOURCE, twice)).toBeNull();
    expect(proposeProfileChanges(stored(), page({ location: 'San Francisco Bay Area' }), SOURCE, twice)).toBeNull();
  });

  it('keeps at most MAX_KEPT answers, dropping the oldest, and reads garbage as none', () => {
    const full: KeptValues = {};
    for (let i = 0; i < MAX_KEPT; i++) full[`c${i}\ntitle\nx`] = NOW + i;
    const kept = withKept(full, 'newest', [{ field: 'title', page: 'X', typed: false }], NOW + MAX_KEPT);
    expect(Object.keys(kept)).toHaveLength(MAX_KEPT);
    expect(isKept(kept, 'c0', 'title', 'x')).toBe(false);
    expect(isKept(kept, 'c1', 'title', 'x')).toBe(true);
    expect(isKept(kept, 'newest', 'title', 'X')).toBe(true);
    expect(parseKeptValues('nonsense')).toEqual({});
  });
});

describe('change words', () => {
  it('says what the page shows and what is stored, as the issue words it', () => {
    const proposal = proposeProfileChanges(stored(), page({ title: 'Head of Data', company: 'Initech' }), SOURCE, {})!;
    expect(changeSentence('Ada', proposal.changes, { title: 'Analyst', company: 'Acme' }, true)).toBe(
      'Ada’s profile now says Head of Data at Initech (stored: Analyst at Acme).',
    );
    const moved = proposeProfileChanges(stored({}, ['company']), page({ company: 'Initech' }), SOURCE, {})!;
    expect(changeSentence('Ada', moved.changes, { title: 'Analyst', company: 'Acme' }, false)).toBe(
      'This page now says Analyst at Initech (stored: Analyst at Acme, typed by you).',
    );
  });

  it('writes job moves first in the History subject, so a job change is recognised from it', () => {
    const changes = [
      { field: 'location', stored: 'London', page: 'Berlin', typed: false },
      { field: 'company', stored: 'Acme', page: 'Initech', typed: false },
    ] as const;
    const subject = changeSubject(changes);
    expect(subject).toBe('Company: Acme → Initech · Location: London → Berlin');
    expect(isJobChangeSubject(subject)).toBe(true);
    expect(isCompanyMoveSubject(subject)).toBe(true);
    expect(isCompanyMoveSubject(changeSubject([{ field: 'title', stored: 'Analyst', page: 'Lead', typed: false }]))).toBe(false);
    expect(isCompanyMoveSubject(changeSubject([{ field: 'title', stored: 'Analyst', page: 'Lead', typed: false }, { field: 'company', stored: 'A', page: 'B', typed: false }]))).toBe(true);
    expect(isJobChangeSubject(changeSubject([{ field: 'company', page: 'Initech', typed: false }]))).toBe(false);
    expect(isJobChange([{ field: 'company', page: 'Initech' } as never])).toBe(false);
    expect(isJobChange(changes)).toBe(true);
  });
});

describe('personOnPageFor', () => {
  it('finds the page person sharing an email or a profile URL (in any spelling) with the contact', () => {
    const contact = { emails: ['ada@acme.test'], profileUrls: ['https://www.linkedin.com/in/ada'] };
    const grace = page({ name: 'Grace', emails: ['grace@navy.test'] });
    const byUrl = page({ profiles: [{ kind: 'linkedin', url: 'https://linkedin.com/in/ada/?trk=x' }] });
    const byEmail = page({ emails: ['Ada@Acme.test'] });
    expect(personOnPageFor(contact, [grace, byUrl])).toBe(byUrl);
    expect(personOnPageFor(contact, [byEmail])).toBe(byEmail);
    expect(personOnPageFor(contact, [grace])).toBeNull();
  });
});
