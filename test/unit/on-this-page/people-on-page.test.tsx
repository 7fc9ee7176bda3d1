// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { PeopleOnPage } from '@/components/on-this-page/OnThisPage';
import { byRelevance, roleLabel, splitMentioned } from '@/components/on-this-page/relevance';
import { type Contact, DetectedContact, type DetectedContactInput, TabDetections } from '@/lib/model';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

const person = (name: string, role: DetectedContactInput['role'], email = `${name.split(' ')[0]!.toLowerCase()}@northwind-traders.com`) =>
  DetectedContact.parse({ name, role, emails: [email] });

const thread = TabDetections.parse({
  tabId: 1,
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz',
  contacts: [],
  context: { kind: 'email-thread', site: 'gmail', threadId: 'FMfcgz', url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz' },
  at: 1,
});
const article = TabDetections.parse({ tabId: 2, url: 'https://www.news-site.net/story', contacts: [], at: 1 });

const known = (id: string, name: string) => ({ id, name }) as unknown as Contact;
const rows = () => [...host.querySelectorAll('li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
const toggle = () => [...host.querySelectorAll('button')].find((button) => /^(Show|Hide) /.test(button.textContent ?? ''));

describe('"On this page": each person with their role, mentioned people behind "Show N more"', () => {
  it('labels To and Cc people by their role before and after they are added (not "Contact")', () => {
    const people = byRelevance([
      { person: person('Ada Lovelace', 'from'), contact: known('a', 'Ada Lovelace') },
      { person: person('Grace Hopper', 'to'), contact: known('g', 'Grace Hopper') },
      { person: person('Alan Turing', 'cc'), contact: null },
      { person: person('Edsger Dijkstra', 'to'), contact: null },
    ]);
    render(<PeopleOnPage people={people} detections={thread} onOpen={() => {}} />);
    expect(rows()).toEqual([
      'Ada LovelaceSender',
      'Grace HopperTo',
      'Edsger Dijkstraedsger@northwind-traders.comToAddIgnore',
      'Alan Turingalan@northwind-traders.comCcAddIgnore',
    ]);
    expect(toggle()).toBeUndefined();
  });

  it('hides mentioned people behind a keyboard-reachable toggle that says how many and whether it is open', () => {
    const people = byRelevance([
      { person: person('Commenter One', 'mentioned'), contact: null },
      { person: person('Jane Doe', 'author'), contact: null },
      { person: person('Press Person', 'contact'), contact: known('p', 'Press Person') },
      { person: person('Footer Two', 'mentioned'), contact: known('f', 'Footer Two') },
    ]);
    render(<PeopleOnPage people={people} detections={article} onOpen={() => {}} />);
    expect(rows()).toEqual(['Jane Doejane@northwind-traders.comAuthorAddIgnore', 'Press PersonPage contact']);
    const button = toggle()!;
    expect(button.tagName).toBe('BUTTON');
    expect(button.getAttribute('type')).toBe('button');
    expect(button.textContent).toBe('Show 2 more');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    act(() => button.click());
    expect(toggle()!.getAttribute('aria-expanded')).toBe('true');
    expect(toggle()!.textContent).toBe('Hide 2 mentioned');
    const list = host.querySelector(`#${toggle()!.getAttribute('aria-controls')}`);
    expect(list?.getAttribute('aria-label')).toBe('People on this page');
    expect(list?.querySelectorAll('li')).toHaveLength(4);
    expect(rows().slice(2)).toEqual(['Footer TwoMentioned', 'Commenter Onecommenter@northwind-traders.comMentionedAddIgnore']);
    act(() => toggle()!.click());
    expect(rows()).toHaveLength(2);
  });

  it('shows mentioned people at once when nobody else is on the page', () => {
    const people = [{ person: person('Only Mentioned', 'mentioned'), contact: null }];
    render(<PeopleOnPage people={people} detections={article} onOpen={() => {}} />);
    expect(rows()).toEqual(['Only Mentionedonly@northwind-traders.comMentionedAddIgnore']);
    expect(toggle()).toBeUndefined();
  });
});

describe('roles in words', () => {
  it('names every role, the owner by the kind of page', () => {
    const profile = { kind: 'profile', site: 'github', url: 'https://github.com/ada' } as const;
    expect(roleLabel('subject', profile)).toBe('This profile');
    expect(roleLabel('subject', undefined)).toBe('Page owner');
    const event = { kind: 'event', site: 'google-calendar', eventId: 'e1', title: 'Review', url: 'https://calendar.google.com/calendar/u/0/r/eventedit/e1' } as unknown as Parameters<typeof roleLabel>[1];
    expect([roleLabel('from', event), roleLabel('to', event)]).toEqual(['Organizer', 'Guest']);
    expect(['author', 'contact', 'from', 'to', 'cc', 'mentioned'].map((role) => roleLabel(role as DetectedContact['role'], undefined))).toEqual([
      'Author',
      'Page contact',
      'Sender',
      'To',
      'Cc',
      'Mentioned',
    ]);
  });

  it('splits without mentioned people first, everyone when there is nobody else', () => {
    const entries = [person('A', 'mentioned'), person('B', 'author')].map((p) => ({ person: p }));
    expect(splitMentioned(entries)).toEqual({ first: [entries[1]], more: [entries[0]] });
    expect(splitMentioned([entries[0]!])).toEqual({ first: [entries[0]], more: [] });
  });
});
