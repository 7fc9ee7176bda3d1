import { describe, expect, it } from 'vitest';
import { Contact, DetectedContact, Deal, canonicalProfileUrl, foldForSearch, normalizePhone } from '@/lib/model';

describe('model schemas', () => {
  it('fills defaults for a minimal contact', () => {
    const contact = Contact.parse({ id: '01J', createdAt: 1, updatedAt: 1 });
    expect(contact).toMatchObject({ emails: [], phones: [], profiles: [], tags: [], stage: 'lead', userFields: [] });
  });

  it('rejects profile links that are not http(s)', () => {
    const attempt = (url: string) => DetectedContact.safeParse({ profiles: [{ kind: 'web', url }] }).success;
    expect(attempt('javascript:alert(1)')).toBe(false);
    expect(attempt('data:text/html,<b>x</b>')).toBe(false);
    expect(attempt('https://example.org/ada')).toBe(true);
  });

  it('rejects malformed emails and over-long names in detections', () => {
    expect(DetectedContact.safeParse({ emails: ['not-an-address'] }).success).toBe(false);
    expect(DetectedContact.safeParse({ name: 'x'.repeat(301) }).success).toBe(false);
  });

  it('keeps money in integer minor units', () => {
    const deal = { id: 'd', contactId: 'c', title: 't', currency: 'EUR', status: 'won', at: 0 };
    expect(Deal.safeParse({ ...deal, amount: 1999 }).success).toBe(true);
    expect(Deal.safeParse({ ...deal, amount: 19.99 }).success).toBe(false);
  });
});

describe('normalisation', () => {
  it('canonicalises profile URLs so two sightings share one key', () => {
    expect(canonicalProfileUrl('HTTPS://GitHub.com/OctoCat/?tab=repos#x')).toBe('https://github.com/octocat');
    expect(canonicalProfileUrl('https://github.com/OctoCat/Hello-World')).toBe('https://github.com/OctoCat/Hello-World');
    expect(canonicalProfileUrl('https://uk.linkedin.com/in/Ada-Lovelace/details/experience/?trk=x')).toBe(
      'https://www.linkedin.com/in/ada-lovelace',
    );
    expect(canonicalProfileUrl('https://www.linkedin.com/in/J%C3%B6rg-M/')).toBe('https://www.linkedin.com/in/j%C3%B6rg-m');
    expect(canonicalProfileUrl('mailto:a@b.org')).toBeNull();
    expect(canonicalProfileUrl('not a url')).toBeNull();
  });

  it('folds diacritics and case for search', () => {
    expect(foldForSearch('Zoë Ångström')).toBe('zoe angstrom');
  });

  it('keeps a leading + and the digits of phone numbers', () => {
    expect(normalizePhone(' +44 (20) 7946-0958 ')).toBe('+442079460958');
    expect(normalizePhone('020 7946 0958')).toBe('02079460958');
  });
});
