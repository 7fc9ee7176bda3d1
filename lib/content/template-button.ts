import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentScriptRuntime } from '../messaging/content-script-runtime';
import { isPaused } from '../site-access/paused-sites';
import type { ComposeSite } from './compose-sites';
import { caretIn, insertPlainText } from './insert-text';

/** What the picker shows of one template (the background's answer, checked here: no Zod in content scripts). */
interface Choice {
  name: string;
  body: string;
  missing: string[];
}

export function readChoices(answer: unknown): Choice[] | null {
  const templates = (answer as { ok?: unknown; templates?: unknown } | null)?.templates;
  if ((answer as { ok?: unknown } | null)?.ok !== true || !Array.isArray(templates)) return null;
  const choices: Choice[] = [];
  for (const item of templates.slice(0, 200) as Array<Record<string, unknown>>) {
    const { name, body, missing } = item ?? {};
    if (typeof name !== 'string' || typeof body !== 'string' || !Array.isArray(missing)) return null;
    choices.push({ name, body, missing: missing.filter((entry): entry is string => typeof entry === 'string') });
  }
  return choices;
}

const STYLE = `:host{all:initial;display:flex;justify-content:flex-end;position:relative;z-index:3;font:13px/1.4 system-ui,sans-serif;color:#1b1f24}
button{font:inherit;cursor:pointer}
.toggle{border:1px solid #8a939d;border-radius:12px;background:#fff;color:#0b4fb3;padding:1px 10px}
.menu{position:absolute;top:100%;right:0;width:min(340px,90vw);height:320px;overflow:auto;background:#fff;border:1px solid #8a939d;border-radius:6px;box-shadow:0 4px 14px #0003;padding:6px}
ul{list-style:none;margin:0;padding:0}
li button{display:block;width:100%;text-align:left;background:none;border:0;border-radius:4px;padding:6px;color:#1b1f24}
li button:hover,li button:focus{background:#e8f0fe}
.name{font-weight:600}.snippet,.note{display:block;color:#4a525c;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.missing{display:block;color:#a1200f}p{margin:4px 6px}
:focus-visible{outline:2px solid #0b5cd5;outline-offset:1px}`;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

/**
 * The "Templates" button above one compose body. The webmail page must learn nothing from it:
 * the shadow root is closed (the page's scripts cannot reach into it), only trusted events (a
 * real click or key press) open the list or insert a choice, so a script cannot make it render
 * a contact's details; nothing is asked of the background before that; and the open list has one
 * fixed size whatever it holds, so its layout does not tell a known address from a stranger's.
 * The list is plain DOM with text only, and a choice is inserted as typed text.
 */
function attachButton(site: ComposeSite, body: HTMLElement): HTMLElement {
  const host = document.createElement('sidebar-crm-templates');
  const root = host.attachShadow({ mode: 'closed' });
  const style = element('style', undefined, STYLE);
  const toggle = element('button', 'toggle', 'Templates');
  toggle.type = 'button';
  toggle.setAttribute('aria-expanded', 'false');
  const menu = element('div', 'menu');
  menu.id = 'menu';
  menu.hidden = true;
  menu.setAttribute('role', 'group');
  toggle.setAttribute('aria-controls', 'menu');
  root.append(style, toggle, menu);

  let caret: Range | null = null;
  const remember = () => (caret = caretIn(body) ?? caret);
  toggle.addEventListener('pointerdown', remember);
  toggle.addEventListener('focus', remember);

  const close = (refocus: boolean) => {
    menu.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    if (refocus) toggle.focus();
  };
  const show = (...children: Node[]) => menu.replaceChildren(...children);

  async function open() {
    menu.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    const recipient = site.recipientOf(body);
    menu.setAttribute('aria-label', recipient ? `Templates for ${recipient}` : 'Templates');
    if (!recipient) return show(element('p', 'note', 'Add a recipient in To first: templates are filled in for them.'));
    const status = element('p', 'note', 'Loading templates…');
    status.setAttribute('role', 'status');
    show(status);
    const choices = readChoices(await (browser.runtime as ContentScriptRuntime).sendMessage({ type: 'render-templates', email: recipient }).catch(() => null));
    if (!choices) return show(element('p', 'missing', 'Could not load your templates. Reload the page and try again.'));
    if (choices.length === 0) return show(element('p', 'note', 'No templates yet: write one in Sidebar CRM’s options, under Templates.'));
    const list = element('ul');
    for (const choice of choices) {
      const item = element('button');
      item.type = 'button';
      item.append(element('span', 'name', choice.name), element('span', 'snippet', choice.body.slice(0, 120)));
      if (choice.missing.length > 0) {
        item.append(element('span', 'missing', `Missing: ${choice.missing.map((name) => `{{${name}}}`).join(', ')} (inserted as written)`));
      }
      item.addEventListener('click', (event) => {
        if (!event.isTrusted) return;
        close(false);
        insertPlainText(body, choice.body, caret);
        caret = null;
      });
      const row = element('li');
      row.append(item);
      list.append(row);
    }
    show(list);
    list.querySelector('button')?.focus();
  }

  toggle.addEventListener('click', (event) => event.isTrusted && (menu.hidden ? void open() : close(false)));
  root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && !menu.hidden) {
      event.stopPropagation();
      close(true);
    }
  });
  root.addEventListener('focusout', (event) => {
    if (!menu.hidden && !root.contains((event as FocusEvent).relatedTarget as Node | null)) close(false);
  });
  body.before(host);
  return host;
}

/**
 * Puts a Templates button on every compose box of `site` as it appears, and takes them all away
 * when the extension goes (reload, update). One observer, its work batched to once per 300 ms.
 */
export async function startTemplateButtons(ctx: ContentScriptContext, site: ComposeSite): Promise<void> {
  if (await isPaused(location.hostname)) return;
  const equipped = new Map<Element, HTMLElement>();
  const scan = () => {
    for (const [body, host] of equipped) {
      if (!body.isConnected) {
        host.remove();
        equipped.delete(body);
      } else if (!host.isConnected) body.before(host); // the webmail re-rendered around the body
    }
    for (const body of document.querySelectorAll<HTMLElement>(site.bodies)) {
      if (!equipped.has(body)) equipped.set(body, attachButton(site, body));
    }
  };
  let pending: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => (pending ??= setTimeout(() => ((pending = undefined), scan()), 300)));
  observer.observe(document.body, { childList: true, subtree: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    clearTimeout(pending);
    for (const host of equipped.values()) host.remove();
  });
  scan();
}
