/**
 * A redacted outline of a page, for a bug report when a site reader no longer knows the page
 * ("Copy diagnostics"): one line per element, its tag, the class names, its ARIA role and the
 * NAMES of its other attributes. No text, no attribute values (an address, a name, a link), and
 * nothing that does not look like a class or attribute name, so an address cannot slip through
 * as one. Bounded in elements, depth and characters (MAX_OUTLINE_CHARS), so it costs a fallback
 * reading little and fits the tab's stored detections. Pure DOM code.
 */
import { MAX_OUTLINE_CHARS } from './outline-size';

const MAX_ELEMENTS = 1200;
const MAX_DEPTH = 60;
/** Class and attribute names as sites write them: no `@`, `.`, `=`, spaces or anything else a value carries. */
const NAME = /^[A-Za-z_][\w-]{0,39}$/;
const ROLE = /^[a-z]{1,24}$/;
/** Elements whose inside says nothing about the page's structure. */
const OPAQUE = new Set(['script', 'style', 'template', 'svg', 'noscript', 'iframe', 'canvas', 'math']);

function line(element: Element): string {
  const tag = element.tagName.toLowerCase();
  const classes = [...element.classList].filter((name) => NAME.test(name)).slice(0, 12);
  const role = element.getAttribute('role') ?? '';
  const names = element
    .getAttributeNames()
    .map((name) => name.toLowerCase())
    .filter((name) => name !== 'class' && name !== 'role' && NAME.test(name))
    .slice(0, 20);
  return [
    NAME.test(tag) ? tag : '?',
    ...classes.map((name) => `.${name}`),
    ROLE.test(role) ? ` [role=${role}]` : '',
    names.length > 0 ? ` {${names.join(' ')}}` : '',
  ].join('');
}

/**
 * The outline of the page's main region (`[role=main]`, else the body), under the chain of its
 * ancestors, depth first.
 */
export function pageOutline(root: ParentNode): string {
  const start = root.querySelector('[role="main"]') ?? (root as Partial<Document>).body ?? ('tagName' in root ? (root as Element) : null);
  if (!start) return '';
  const lines: string[] = [];
  let chars = 0;
  let elements = 0;
  let cut = false;
  const push = (text: string): boolean => {
    if (elements >= MAX_ELEMENTS || chars + text.length + 1 > MAX_OUTLINE_CHARS - 80) {
      cut = true;
      return false;
    }
    elements += 1;
    chars += text.length + 1;
    lines.push(text);
    return true;
  };

  const ancestors: Element[] = [];
  for (let at = start.parentElement; at && ancestors.length < MAX_DEPTH; at = at.parentElement) ancestors.unshift(at);
  ancestors.forEach((element, depth) => push(`${'  '.repeat(depth)}${line(element)}`));

  const stack: [Element, number][] = [[start, ancestors.length]];
  while (stack.length > 0 && !cut) {
    const [element, depth] = stack.pop()!;
    if (!push(`${'  '.repeat(depth)}${line(element)}`)) break;
    if (depth >= MAX_DEPTH || OPAQUE.has(element.tagName.toLowerCase())) continue;
    const children = [...element.children];
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push([children[index]!, depth + 1]);
  }
  if (cut) lines.push(`… cut at ${elements} elements`);
  return lines.join('\n');
}
