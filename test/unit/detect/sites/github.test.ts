import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { gitHubAdapter } from '@/lib/detect/sites/github.dom';

const PROFILE = 'https://github.com/gracehopper';

function page(card: string, viewer = '') {
  return parseHTML(
    `<!DOCTYPE html><html><head><meta name="user-login" content="${viewer}"></head><body><header><img class="avatar circle" src="https://avatars.githubusercontent.com/u/1815?v=4" alt="@adalovelace"></header><main>${card}</main></body></html>`,
  ).document;
}

function read(card: string, viewer = '', url = PROFILE) {
  return gitHubAdapter.read(page(card, viewer), new URL(url));
}

function hCard({ name = 'Grace Hopper', login = 'gracehopper', details = '', extra = '' } = {}) {
  return `<div class="h-card mt-md-n5" itemscope itemtype="http://schema.org/Person">
    <a itemprop="image" href="https://avatars.githubusercontent.com/u/1906?v=4"><img class="avatar avatar-user" src="https://avatars.githubusercontent.com/u/1906?v=4"></a>
    <h1 class="vcard-names"><span class="p-name vcard-fullname d-block overflow-hidden" itemprop="name">${name}</span><span class="p-nickname vcard-username d-block" itemprop="additionalName">${login}</span></h1>
    ${extra}
    <ul class="vcard-details">${details}</ul>
  </div>`;
}

const DETAILS = `
  <li itemprop="worksFor"><span class="p-org"><div>@navy-computing</div></span></li>
  <li itemprop="homeLocation"><span class="p-label">Arlington, VA</span></li>
  <li itemprop="email"><a class="u-email Link--primary" href="mailto:Grace@Cobol.dev">Grace@Cobol.dev</a></li>
  <li itemprop="url"><a rel="nofollow me" class="Link--primary" href="https://cobol.dev/">https://cobol.dev/</a></li>
  <li itemprop="social"><a rel="nofollow me" class="Link--primary" href="https://x.com/gracehopper">@gracehopper</a></li>
  <li itemprop="social"><a rel="nofollow me" class="Link--primary" href="javascript:alert(1)">@evil</a></li>`;

describe('GitHub adapter', () => {
  it('runs on user profile URLs only', () => {
    expect(gitHubAdapter.matches(new URL(PROFILE))).toBe(true);
    expect(gitHubAdapter.matches(new URL('https://github.com/gracehopper/flow-matic'))).toBe(false);
    expect(gitHubAdapter.matches(new URL('https://github.com/settings/profile'))).toBe(false);
  });

  it('reads the vcard of the profile owner', () => {
    const reading = read(hCard({ details: DETAILS }), 'adalovelace');
    expect(reading.contacts).toEqual([
      {
        name: 'Grace Hopper',
        emails: ['grace@cobol.dev'],
        company: 'navy-computing',
        location: 'Arlington, VA',
        photo: 'https://avatars.githubusercontent.com/u/1906?v=4',
        profiles: [
          { kind: 'github', url: 'https://github.com/gracehopper' },
          { kind: 'website', url: 'https://cobol.dev' },
          { kind: 'x', url: 'https://x.com/gracehopper' },
        ],
        role: 'subject',
        evidence: [{ detector: 'github', element: 'span.p-name.vcard-fullname.d-block' }],
      },
    ]);
    expect(reading.context).toEqual({ kind: 'profile', site: 'github', url: 'https://github.com/gracehopper' });
    expect(reading.signedInUser).toEqual({ profileUrls: ['https://github.com/adalovelace'] });
  });

  it('reads a signed-out page (no email shown, nobody signed in)', () => {
    const reading = read(hCard({ details: '<li itemprop="homeLocation"><span class="p-label">Arlington, VA</span></li>' }));
    expect(reading.contacts[0]).toMatchObject({ name: 'Grace Hopper', location: 'Arlington, VA' });
    expect(reading.contacts[0]?.emails).toBeUndefined();
    expect(reading.signedInUser).toBeUndefined();
  });

  it('proposes nobody on the viewer\'s own profile, and makes all its identifiers the viewer\'s', () => {
    const reading = read(hCard({ details: DETAILS }), 'GraceHopper');
    expect(reading).toEqual({
      contacts: [],
      signedInUser: {
        emails: ['grace@cobol.dev'],
        profileUrls: ['https://github.com/gracehopper', 'https://github.com/GraceHopper', 'https://cobol.dev', 'https://x.com/gracehopper'],
      },
    });
    const { contacts, context } = detect(page(hCard({ details: DETAILS }), 'gracehopper'), PROFILE);
    expect(contacts).toEqual([]);
    expect(context).toBeUndefined();
  });

  it('takes "Edit profile" as the sign of one\'s own profile too', () => {
    const reading = read(hCard({ extra: '<button class="btn btn-block js-profile-editable-edit-button">Edit profile</button>' }), 'grace-h');
    expect(reading.contacts).toEqual([]);
  });

  it('uses the login as GitHub spells it, and the URL when the card has none', () => {
    expect(read(hCard({ login: 'GraceHopper' }), '', 'https://github.com/gracehopper').context).toEqual({
      kind: 'profile',
      site: 'github',
      url: 'https://github.com/GraceHopper',
    });
    expect(read(hCard({ login: '' })).context).toEqual({ kind: 'profile', site: 'github', url: 'https://github.com/gracehopper' });
    expect(read(hCard({ login: 'GraceHopper <span>·</span> <span itemprop="pronouns">she/her</span>' })).context).toEqual({
      kind: 'profile',
      site: 'github',
      url: 'https://github.com/GraceHopper',
    });
  });

  it('keeps a profile without a display name, identified by its URL', () => {
    const [contact] = read(hCard({ name: '  ' })).contacts;
    expect(contact?.name).toBeUndefined();
    expect(contact?.profiles).toEqual([{ kind: 'github', url: 'https://github.com/gracehopper' }]);
  });

  it('reads nothing on an organisation page', () => {
    const org = `<div class="orghead" itemscope itemtype="http://schema.org/Organization"><h1 class="h2 lh-condensed">Navy Computing</h1><a itemprop="email" href="mailto:info@navy-computing.org">info@navy-computing.org</a></div>`;
    expect(read(org, 'adalovelace', 'https://github.com/navy-computing')).toEqual({
      contacts: [],
      signedInUser: { profileUrls: ['https://github.com/adalovelace'] },
    });
  });

  it('gives fewer fields, never an exception, on broken markup', () => {
    for (const card of [
      '',
      '<div class="h-card"></div>',
      hCard({ details: '<li itemprop="email"><a href="mailto:%%">x</a></li><li itemprop="url"><a href="http://[::1">x</a></li>' }),
      '<div itemscope itemtype="http://schema.org/Person"><a itemprop="image" href="http://insecure.example.net/a.png"></a></div>',
    ]) {
      expect(() => read(card)).not.toThrow();
    }
    const insecure = read('<div itemscope itemtype="http://schema.org/Person"><span class="p-name">Grace</span><a itemprop="image" href="http://avatars.githubusercontent.com/u/1"></a></div>');
    expect(insecure.contacts[0]?.photo).toBeUndefined();
  });
});
