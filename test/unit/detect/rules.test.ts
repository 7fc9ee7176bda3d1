import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { isInsideCode, isReservedHost, isUsableEmail } from '@/lib/detect/rules';
import { profileLink } from '@/lib/detect/detectors/markup';
import { cleanName, cleanPhone, nameFromLinkText } from '@/lib/detect/field-values';

describe('isUsableEmail', () => {
  it.each([
    'ada@analyticalengines.co.uk',
    'grace.hopper+navy@cobol-navy.net',
    'o.brien@dublin.ie',
    'info@example-widgets.com', // only the reserved names themselves are examples
    'replies@forum.org', // "reply" alone is not "no-reply"
    'bouncer@nightclub.de',
    'git.lover@code.org',
    'hello@bounce.io', // a company called Bounce
    'ion@company.md', // Moldova, not Markdown
  ])('accepts %s', (address) => {
    expect(isUsableEmail(address)).toBe(true);
  });

  it.each([
    ['reserved domain', 'john@example.com'],
    ['reserved domain', 'jane@mail.example.org'],
    ['reserved TLD', 'a@server.test'],
    ['reserved TLD', 'a@host.example'],
    ['reserved TLD', 'a@broken.invalid'],
    ['reserved TLD', 'a@dev.localhost'],
    ['no-reply', 'noreply@shop.com'],
    ['no-reply', 'no-reply@shop.com'],
    ['no-reply', 'do_not_reply@bank.com'],
    ['no-reply', 'github-noreply@github.com'],
    ['no-reply domain', '1234+ada@users.noreply.github.com'],
    ['daemon', 'mailer-daemon@googlemail.com'],
    ['postmaster', 'postmaster@isp.net'],
    ['bounce', 'bounces+123-abc@mail.service.com'],
    ['bounce', 'list-bounces@lists.debian.org'],
    ['bounce domain', 'x7@bounces.mail.service.com'],
    ['asset', 'logo@2x.png'],
    ['asset', 'icon@3x.webp'],
    ['asset', 'bundle@1.min.js'],
    ['asset', 'theme@dark.css'],
    ['package version', 'lodash@4.17.21'],
    ['ssh remote', 'git@github.com'],
    ['tracking id', '605a7baede844d278b89dc95ae0a9123@sentry.wixpress.com'],
    ['no TLD', 'root@localhost'],
    ['not an address', 'ada at engines dot co dot uk'],
  ])('rejects %s: %s', (_why, address) => {
    expect(isUsableEmail(address)).toBe(false);
  });
});

describe('isReservedHost and profile links', () => {
  it.each([
    ['example.com', true],
    ['www.EXAMPLE.net', true],
    ['example.org.', true],
    ['localhost', true],
    ['a.test', true],
    ['example.co.uk', false],
    ['myexample.com', false],
    ['github.com', false],
  ])('%s reserved: %s', (host, reserved) => {
    expect(isReservedHost(host)).toBe(reserved);
  });

  it('keeps profile links to http(s) on real hosts only, canonical', () => {
    const base = new URL('https://www.northwind-traders.com/team/');
    expect(profileLink('https://GitHub.com/ada/?tab=repositories#top', base)).toEqual({ kind: 'github', url: 'https://github.com/ada' });
    expect(profileLink('../people/ada', base)).toEqual({ kind: 'website', url: 'https://www.northwind-traders.com/people/ada' });
    expect(profileLink('http://example.com/ada', base)).toBeUndefined();
    expect(profileLink('https://dev.localhost:8080/ada', base)).toBeUndefined();
    expect(profileLink('ftp://files.org/ada', base)).toBeUndefined();
    expect(profileLink('javascript:alert(1)', base)).toBeUndefined();
    expect(profileLink('mailto:ada@engines.co.uk', base)).toBeUndefined();
  });
});

describe('isInsideCode', () => {
  it('is true inside code and pre, however deep', () => {
    const { document } = parseHTML('<p><a id="a">x</a></p><pre><b><a id="b">y</a></b></pre><code><a id="c">z</a></code>');
    expect(['a', 'b', 'c'].map((id) => isInsideCode(document.getElementById(id)!))).toEqual([false, true, true]);
  });
});

describe('cleanPhone', () => {
  it.each([
    ['+1 (415) 555-0100', '+14155550100'],
    ['tel:+1-415-555-0100', '+14155550100'],
    ['TEL:+1.415.555.0100;ext=12', '+14155550100'],
    ['tel:%2B44%2020%207946%200000', '+442079460000'],
    ['+44 (0)20 7946 0000', '+442079460000'],
    ['020 7946 0000', '02079460000'],
    ['Tel.: +49 761 203-0000', '+497612030000'],
    ['+1 415 555 0100 ext. 23', '+14155550100'],
    ['+1 415 555 0100 x23', '+14155550100'],
    ['+33\u00a01\u00a042\u00a068\u00a053\u00a000', '+33142685300'],
    ['1-800-FLOWERS', undefined],
    ['Call me', undefined],
    ['12345', undefined], // too short for a phone number
    ['+1234567890123456', undefined], // longer than E.164 allows
    ['tel:%E0%A4%A', undefined],
    ['', undefined],
  ])('%j → %j', (raw, expected) => {
    expect(cleanPhone(raw)).toBe(expected);
  });
});

describe('cleanName', () => {
  it.each([
    ['  Ada   Lovelace ', 'Ada Lovelace'],
    ['By Lucy Akins', 'Lucy Akins'],
    ['Par Sébastien Farcis', 'Sébastien Farcis'],
    ['Ludwig van Beethoven', 'Ludwig van Beethoven'],
    ['Jong, Michiel de', 'Jong, Michiel de'],
    ['Omar ibn al-Khattab', 'Omar ibn al-Khattab'],
    ['Layla al-Rashid Haddad', 'Layla al-Rashid Haddad'],
    ["Jean d'Arcy Martin", "Jean d'Arcy Martin"],
    ['肖春芳', '肖春芳'],
    ['someuser', 'someuser'],
    ['Seattle Times business reporter', undefined],
    ['AFP', undefined],
    ['ada@engines.co.uk', undefined],
    ['https://engines.co.uk/ada', undefined],
    ['1234', undefined],
    ['x'.repeat(201), undefined],
    [undefined, undefined],
  ])('%j → %j', (raw, expected) => {
    expect(cleanName(raw)).toBe(expected);
  });
});

describe('nameFromLinkText calls to action', () => {
  it.each(['Call us', 'Phone', 'Join IAB', 'Subscribe now'])('%j is not a name', (text) => {
    expect(nameFromLinkText(text)).toBeUndefined();
  });
});
