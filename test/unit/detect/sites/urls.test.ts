import { describe, expect, it } from 'vitest';
import { profileKindFor } from '@/lib/model/profile-kind';
import { gitHubLogin, isGitHubProfile } from '@/lib/detect/sites/github';
import { gmailThreadKey, isGmail, isGmailThread } from '@/lib/detect/sites/gmail';
import { isLinkedInProfile, linkedInProfileSlug, linkedInProfileUrl } from '@/lib/detect/sites/linkedin';
import { isOutlookMail, outlookItemId } from '@/lib/detect/sites/outlook';

describe('Gmail URLs', () => {
  it.each([
    'https://mail.google.com/mail/u/0/#inbox',
    'https://mail.google.com/mail/u/1/#sent/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN',
    'https://mail.google.com/mail/u/0/?ui=2&view=btop#inbox',
    'https://mail.google.com/mail/',
    'https://mail.google.com/mail/u/0/#settings/general',
  ])('%s is Gmail', (url) => expect(isGmail(url)).toBe(true));

  it.each([
    'https://mail.google.com/chat/u/0/#chat/home',
    'http://mail.google.com/mail/u/0/#inbox',
    'https://google.com/mail/u/0/#inbox',
    'https://mail.google.com.evil.io/mail/u/0/#inbox',
    'https://accounts.google.com/ServiceLogin?service=mail',
    'not a url',
  ])('%s is not Gmail', (url) => expect(isGmail(url)).toBe(false));

  it.each([
    ['https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN', 'FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN'],
    ['https://mail.google.com/mail/u/2/#sent/KtbxLzGLmvkDrTnNzBsZwCVXJqDJqWgRfB', 'KtbxLzGLmvkDrTnNzBsZwCVXJqDJqWgRfB'],
    ['https://mail.google.com/mail/u/0/#label/Clients%2FLondon/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN', 'FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN'],
    ['https://mail.google.com/mail/u/0/#search/from%3Agrace/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN', 'FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN'],
    ['https://mail.google.com/mail/u/0/#category/promotions/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN', 'FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN'],
  ])('%s opens thread %s', (url, key) => {
    expect(gmailThreadKey(url)).toBe(key);
    expect(isGmailThread(url)).toBe(true);
  });

  it.each([
    'https://mail.google.com/mail/u/0/#inbox',
    'https://mail.google.com/mail/u/0/#inbox/p2',
    'https://mail.google.com/mail/u/0/#inbox?compose=new',
    'https://mail.google.com/mail/u/0/#settings/general',
    'https://mail.google.com/mail/u/0/#search/invoice',
  ])('%s has no open thread', (url) => expect(isGmailThread(url)).toBe(false));
});

describe('Outlook URLs', () => {
  it.each([
    'https://outlook.office.com/mail/',
    'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS05ZjQ4LTk3YzMtMDACLTAwCgAQAJa%2FL8yGpE5Hm0R2cQn3x1g%3D',
    'https://outlook.office365.com/mail/inbox',
    'https://outlook.live.com/mail/0/inbox',
    'https://outlook.live.com/mail/0/deeplink/read/AQMkADAwATYwMAItZjJiMy0xNWVjLTAwAi0wMAoARgAAA3',
    'https://outlook.cloud.microsoft/mail/sentitems',
  ])('%s is Outlook mail', (url) => expect(isOutlookMail(url)).toBe(true));

  it.each([
    'https://outlook.office.com/calendar/view/week',
    'https://outlook.live.com/people/0/',
    'https://outlook.com/',
    'https://www.microsoft.com/en-us/microsoft-365/outlook/email-and-calendar-software-microsoft-outlook',
    'http://outlook.office.com/mail/',
  ])('%s is not Outlook mail', (url) => expect(isOutlookMail(url)).toBe(false));

  it('reads the open item id from the reading-pane and deeplink routes, decoded', () => {
    expect(
      outlookItemId('https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS05ZjQ4LTk3YzMtMDACLTAwCgAQAJa%2FL8yGpE5Hm0R2cQn3x1g%3D'),
    ).toBe('AAQkADAwATM3ZmYAZS05ZjQ4LTk3YzMtMDACLTAwCgAQAJa/L8yGpE5Hm0R2cQn3x1g=');
    expect(outlookItemId('https://outlook.live.com/mail/0/deeplink/read/AQMkADAwATYwMAIt?ispopout=0')).toBe('AQMkADAwATYwMAIt');
    expect(outlookItemId('https://outlook.office.com/mail/id/AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0AFEk')).toBe('AAkALgAAAAAAHYQDEapmEc2byACqAC/EWg0AFEk');
    expect(outlookItemId('https://outlook.office.com/mail/deeplink/read?ItemID=AAMkAGI2TG93AAA%3D')).toBe('AAMkAGI2TG93AAA=');
    expect(outlookItemId('https://outlook.office.com/mail/inbox')).toBeUndefined();
    expect(outlookItemId('https://outlook.office.com/mail/inbox/id/%E0%A4%A')).toBeUndefined();
  });
});

describe('LinkedIn URLs', () => {
  it.each([
    ['https://www.linkedin.com/in/grace-hopper-1906/', 'grace-hopper-1906'],
    ['https://www.linkedin.com/in/grace-hopper-1906', 'grace-hopper-1906'],
    ['https://de.linkedin.com/in/grace-hopper-1906', 'grace-hopper-1906'],
    ['https://uk.linkedin.com/in/grace-hopper-1906?trk=people-guest_people_search-card', 'grace-hopper-1906'],
    ['https://www.linkedin.com/in/grace-hopper-1906/details/experience/', 'grace-hopper-1906'],
    ['https://www.linkedin.com/in/Grace-Hopper-1906/overlay/contact-info/', 'grace-hopper-1906'],
    ['https://linkedin.com/in/grace-hopper-1906#experience', 'grace-hopper-1906'],
    ['https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-4a1b2c3/', 'j%C3%BCrgen-m%C3%BCller-4a1b2c3'],
    ['https://www.linkedin.com/in/j%c3%bcrgen-m%c3%bcller-4a1b2c3/', 'j%C3%BCrgen-m%C3%BCller-4a1b2c3'],
  ])('%s is the profile of %s', (url, slug) => {
    expect(isLinkedInProfile(url)).toBe(true);
    expect(linkedInProfileSlug(url)).toBe(slug);
  });

  it('maps every sighting to one canonical URL', () => {
    const urls = [
      'https://de.linkedin.com/in/grace-hopper-1906?trk=public_profile_browsemap',
      'https://www.linkedin.com/in/Grace-Hopper-1906/details/experience/',
    ];
    expect(new Set(urls.map((url) => linkedInProfileUrl(linkedInProfileSlug(url)!)))).toEqual(
      new Set(['https://www.linkedin.com/in/grace-hopper-1906']),
    );
  });

  it.each([
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/in/',
    'https://www.linkedin.com/in/me/',
    'https://www.linkedin.com/company/united-states-navy/',
    'https://www.linkedin.com/school/yale-university/',
    'https://www.linkedin.com/search/results/people/?keywords=grace%20hopper',
    'https://www.linkedin.com/pub/dir/Grace/Hopper',
    'https://www.linkedin.com.evil.io/in/grace-hopper-1906',
    'https://notlinkedin.com/in/grace-hopper-1906',
    'http://www.linkedin.com/in/grace-hopper-1906',
  ])('%s is not a profile page', (url) => expect(isLinkedInProfile(url)).toBe(false));
});

describe('GitHub URLs', () => {
  it.each([
    ['https://github.com/octocat', 'octocat'],
    ['https://github.com/torvalds/', 'torvalds'],
    ['https://github.com/torvalds?tab=repositories', 'torvalds'],
    ['https://github.com/sindresorhus?tab=stars', 'sindresorhus'],
    ['https://github.com/fregante#js-contribution-activity', 'fregante'],
    ['https://github.com/a-b-c', 'a-b-c'],
  ])('%s is the profile of %s', (url, login) => {
    expect(isGitHubProfile(url)).toBe(true);
    expect(gitHubLogin(url)).toBe(login);
  });

  it.each([
    'https://github.com/',
    'https://github.com/refined-github/refined-github',
    'https://github.com/octocat/Hello-World/issues/1',
    'https://github.com/settings/profile',
    'https://github.com/features',
    'https://github.com/features/copilot',
    'https://github.com/orgs/github/people',
    'https://github.com/marketplace',
    'https://github.com/pulls',
    'https://github.com/notifications',
    'https://github.com/login',
    'https://github.com/login?return_to=%2Foctocat',
    'https://github.com/explore',
    'https://github.com/topics',
    'https://github.com/trending',
    'https://github.com/sponsors/octocat',
    'https://github.com/-octocat',
    'https://github.com/octo--cat',
    'https://gist.github.com/octocat',
    'https://github.com.evil.io/octocat',
    'http://github.com/octocat',
  ])('%s is not a user profile page', (url) => expect(isGitHubProfile(url)).toBe(false));
});

describe('profile link kinds', () => {
  it.each([
    ['https://www.linkedin.com/in/grace-hopper-1906', 'linkedin'],
    ['https://github.com/gracehopper', 'github'],
    ['https://twitter.com/gracehopper', 'x'],
    ['https://x.com/gracehopper', 'x'],
    ['https://bsky.app/profile/grace.bsky.social', 'bluesky'],
    ['https://cobol.dev/grace', 'website'],
    ['not a url', 'website'],
  ])('%s is a %s link', (url, kind) => expect(profileKindFor(url)).toBe(kind));
});
