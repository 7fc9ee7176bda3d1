// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GMAIL_COMPOSE, OUTLOOK_COMPOSE } from '@/lib/content/compose-sites';
import { caretIn, insertPlainText } from '@/lib/content/insert-text';
import { readChoices } from '@/lib/content/template-button';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'test/fixtures/pages', name), 'utf8');

function load(html: string): Document {
  document.documentElement.innerHTML = html.replace(/^<!DOCTYPE html>/i, '');
  return document;
}

describe('compose boxes and their recipient', () => {
  it('Gmail: finds the new message’s body and its first To recipient (not Cc, not the thread list)', () => {
    const page = load(fixture('gmail-compose.html'));
    const bodies = [...page.querySelectorAll(GMAIL_COMPOSE.bodies)];
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.getAttribute('aria-label')).toBe('Message Body');
    expect(GMAIL_COMPOSE.recipientOf(bodies[0]!)).toBe('grace@cobol.dev');
  });

  it('Gmail: a reply with no recipient yet has none, even with other compose windows open', () => {
    const page = load(`
      <div role="dialog"><form><div class="anm" name="to"><div role="option" data-hovercard-id="ada@lovelace.io"></div></div>
        <div class="editable" contenteditable="true" role="textbox" id="first"></div></form></div>
      <div role="dialog"><form><div class="anm" name="to"></div>
        <div class="editable" contenteditable="true" role="textbox" id="second"></div></form></div>`);
    expect(GMAIL_COMPOSE.recipientOf(page.getElementById('first')!)).toBe('ada@lovelace.io');
    // Going up from the second window reaches the first one's chip only past the first body.
    expect(GMAIL_COMPOSE.recipientOf(page.getElementById('second')!)).toBeUndefined();
  });

  it('Outlook: reads the first address in the To well, from a chip’s title or its text', () => {
    const page = load(`
      <div class="compose">
        <div aria-label="From">Me &lt;me@contoso.com&gt;</div>
        <div role="textbox" aria-label="To"><span><span title="katherine@langley-aero.com">Katherine Johnson</span></span>
          <span>Dorothy Vaughan &lt;dorothy@langley-aero.com&gt;</span></div>
        <div aria-label="Cc"><span title="cc@langley-aero.com">Cc person</span></div>
        <div id="editorParent_1"><div contenteditable="true" role="textbox" aria-label="Message body, press Alt+F10 to exit">Hello</div></div>
      </div>`);
    const bodies = [...page.querySelectorAll(OUTLOOK_COMPOSE.bodies)];
    expect(bodies).toHaveLength(1);
    expect(OUTLOOK_COMPOSE.recipientOf(bodies[0]!)).toBe('katherine@langley-aero.com');
  });

  it('Outlook: an empty To well has no recipient', () => {
    const page = load(`<div><div aria-label="To" role="textbox"></div><div id="editorParent_1"><div contenteditable="true"></div></div></div>`);
    expect(OUTLOOK_COMPOSE.recipientOf(page.querySelector(OUTLOOK_COMPOSE.bodies)!)).toBeUndefined();
  });
});

describe('insertPlainText', () => {
  it('inserts lines as text at the remembered caret, never as markup', () => {
    const page = load('<div id="body" contenteditable="true">Dear X,<br>Ada</div>');
    const body = page.getElementById('body')!;
    const range = page.createRange();
    range.setStart(body.firstChild!, 'Dear X,'.length);
    range.collapse(true);
    page.getSelection()!.removeAllRanges();
    page.getSelection()!.addRange(range);
    const caret = caretIn(body);
    expect(caret).not.toBeNull();
    insertPlainText(body, ' Hi Grace\n<b>not bold</b>', caret);
    expect(body.textContent).toBe('Dear X, Hi Grace<b>not bold</b>Ada');
    expect(body.querySelector('b')).toBeNull();
    expect(body.querySelectorAll('br')).toHaveLength(2);
  });

  it('inserts at the start of the body when the caret was elsewhere', () => {
    const page = load('<p id="outside">x</p><div id="body" contenteditable="true">Ada</div>');
    const body = page.getElementById('body')!;
    const outside = page.createRange();
    outside.selectNodeContents(page.getElementById('outside')!);
    page.getSelection()!.removeAllRanges();
    page.getSelection()!.addRange(outside);
    expect(caretIn(body)).toBeNull();
    insertPlainText(body, 'Hi Grace, ', null);
    expect(body.textContent).toBe('Hi Grace, Ada');
  });
});

describe('readChoices (the background’s answer, checked in the content script)', () => {
  it('keeps name, body and missing of each template', () => {
    expect(readChoices({ ok: true, known: true, templates: [{ id: '1', name: 'Intro', body: 'Hi Grace', missing: ['company', 3], errorCount: 0 }] })).toEqual([
      { name: 'Intro', body: 'Hi Grace', missing: ['company'] },
    ]);
  });

  it.each([[null], [undefined], [{ ok: false, error: 'x' }], [{ ok: true }], [{ ok: true, templates: [{ name: 'x' }] }], [{ ok: true, templates: [null] }]])(
    'refuses a malformed answer %j',
    (answer) => {
      expect(readChoices(answer)).toBeNull();
    },
  );
});
