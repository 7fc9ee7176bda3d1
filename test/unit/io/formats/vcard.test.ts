import { describe, expect, it } from 'vitest';
import { parseVcards } from '../../../../lib/io/formats';

const card = (...lines: string[]) => ['BEGIN:VCARD', ...lines, 'END:VCARD'].join('\r\n');

describe('vCard import', () => {
  it('unfolds folded lines (3.0/4.0) and reads several cards with their lines', () => {
    const text = [
      card('VERSION:3.0', 'FN:Ada', '  Lovelace', 'EMAIL;TYPE=INTERNET:ada@exam', ' ple.org', 'NOTE:one\\ntwo\\, three'),
      card('VERSION:4.0', 'FN:Grace Hopper', 'TEL;VALUE=uri;TYPE=work:tel:+1-202-555-0100;ext=12'),
    ].join('\r\n');
    const result = parseVcards(text);
    expect(result.rows).toBe(2);
    expect(result.contacts).toEqual([
      { line: 1, name: 'Ada Lovelace', emails: ['ada@example.org'], phones: [], profiles: [], tags: [], note: 'one\ntwo, three' },
      { line: 9, name: 'Grace Hopper', emails: [], phones: ['+1-202-555-0100 ext. 12'], profiles: [], tags: [] },
    ]);
  });

  it('reads 2.1 quoted-printable with soft line breaks and a CHARSET, and bare TYPE parameters', () => {
    const text = card(
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;',
      'FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller=',
      ' (Berlin)',
      'TEL;CELL;PREF:+49 151 1234567',
      'EMAIL;INTERNET:j.mueller@example.de',
      'NOTE;ENCODING=QUOTED-PRINTABLE:first=0D=0Asecond=',
      '=0D=0Athird',
      'ORG;CHARSET=UTF-8:Stra=C3=9Fe GmbH',
    );
    const [contact] = parseVcards(text).contacts;
    expect(contact).toMatchObject({
      name: 'Jürgen Müller (Berlin)',
      phones: ['+49 151 1234567'],
      emails: ['j.mueller@example.de'],
      note: 'first\nsecond\nthird',
      // Not quoted-printable: the `=C3` stays as written.
      company: 'Stra=C3=9Fe GmbH',
    });
  });

  it('reads grouped properties and Apple labels (item1.EMAIL, item2.URL + X-ABLabel)', () => {
    const text = card(
      'VERSION:3.0',
      'FN:Greg',
      'item1.EMAIL;TYPE=INTERNET:greg@example.com',
      'item1.X-ABLabel:Other',
      'item2.URL:http\\://greg.example.com/blog',
      'item2.X-ABLabel:_$!<HomePage>!$_',
      'URL;TYPE=WORK:https://github.com/greg',
    );
    const [contact] = parseVcards(text).contacts;
    expect(contact!.emails).toEqual(['greg@example.com']);
    expect(contact!.profiles).toEqual([
      { kind: 'homepage', url: 'http://greg.example.com/blog' },
      { kind: 'github', url: 'https://github.com/greg' },
    ]);
  });

  it('keeps an http(s) photo and drops embedded ones (2.1 base64 blob, 3.0 ENCODING=b, 4.0 data: URI) with a notice', () => {
    const text = [
      card('VERSION:4.0', 'FN:Linked', 'PHOTO:https://example.org/p.jpg'),
      card('VERSION:2.1', 'FN:Blob', 'PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD', 'AAAABBBBCCCC', 'DDDD==', '', 'EMAIL:blob@example.org'),
      card('VERSION:3.0', 'FN:Bee', 'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg', ' ABCDEF=='),
      card('VERSION:4.0', 'FN:Data', 'PHOTO:data:image/png;base64,iVBORw0KGgo='),
    ].join('\r\n');
    const result = parseVcards(text);
    expect(result.contacts.map((contact) => [contact.name, contact.avatarUrl ?? null, contact.emails])).toEqual([
      ['Linked', 'https://example.org/p.jpg', []],
      ['Blob', null, ['blob@example.org']],
      ['Bee', null, []],
      ['Data', null, []],
    ]);
    expect(result.notices).toContain('3 embedded photos dropped (only http(s) photo links are kept) (lines 6, 15, 21).');
  });

  it('rejects a card that is never closed (truncated file) and keeps the others', () => {
    const text = `${card('VERSION:3.0', 'FN:Whole')}\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut`;
    const result = parseVcards(text);
    expect(result.contacts.map((contact) => contact.name)).toEqual(['Whole']);
    expect(result.rejected).toEqual([{ line: 5, reason: 'card has no END:VCARD: the file may be cut short' }]);
  });

  it('skips an unreadable property but keeps the person; rejects a card that names nobody', () => {
    const text = [
      card('VERSION:3.0', 'FN:Kept', 'EMAIL;TYPE="unclosed:kept@example.org', 'this line is not a property', 'TEL:+44 20 7946 0000'),
      card('VERSION:4.0', 'ADR;TYPE=work:;;street;city;;;'),
    ].join('\r\n');
    const result = parseVcards(text);
    expect(result.contacts).toHaveLength(1);
    expect(result.contacts[0]).toMatchObject({ name: 'Kept', phones: ['+44 20 7946 0000'] });
    expect(result.notices.some((notice) => /unreadable vCard lines? skipped/.test(notice))).toBe(true);
    expect(result.rejected).toEqual([{ line: 8, reason: 'no name, email or phone' }]);
  });

  it('takes the name from N when FN is missing, and the preferred address as location', () => {
    const text = card('VERSION:3.0', 'N:Curie;Marie;Salomea;Mme;', 'ADR;TYPE=home:;;1 Rue;Warsaw;;00-001;Poland', 'ADR;TYPE=work,pref:;;2 Rue;Paris;IDF;75005;France');
    expect(parseVcards(text).contacts[0]).toMatchObject({ name: 'Marie Salomea Curie', location: 'Paris, IDF, France' });
  });
});
