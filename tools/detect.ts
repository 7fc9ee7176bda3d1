/**
 * `npm run -s detect -- page.html --url https://example.org/` prints what the extension would
 * detect on that page, as `{"contacts":[…],"limits":[…]}`: the same lib/detect code, over a Node DOM.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';
import { detect } from '../lib/detect';
import { DetectedContact } from '../lib/model/detected';

const USAGE = `Usage: npm run -s detect -- FILE [--url URL]

Prints the people lib/detect finds in an HTML file, as JSON: {"contacts":[…],"limits":[…]}
(limits: each cap detection reached, e.g. {"what":"addresses","read":200,"found":50000}).
On a webmail page its own reader no longer knows, also "reader": {"site":"gmail","fallback":true,
"missing":…,"outline":…}: the generic reader was used; the outline is the page's redacted shape.
  FILE        an HTML file, or - for standard input
  --url URL   the address the page was served from (default: file URL of FILE);
              site adapters choose by it, e.g. https://mail.google.com/mail/u/0/
  --help      this text`;

function fail(message: string): never {
  console.error(`detect: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file) fail('no HTML file given');
  if (extra.length > 0) fail(`unexpected arguments: ${extra.join(' ')}`);

  let html: string;
  try {
    html = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const url = parsed.values.url ?? new URL(file === '-' ? 'stdin.html' : file, `file://${process.cwd()}/`).href;
  try {
    new URL(url);
  } catch {
    fail(`not a URL: ${url}`);
  }

  const { document } = parseHTML(html);
  const { contacts, limits = [], reader } = detect(document, url);
  // The same parse the background applies: output has every field's default, and nothing invalid.
  const valid = contacts.flatMap((contact) => {
    const result = DetectedContact.safeParse(contact);
    return result.success ? [result.data] : [];
  });
  process.stdout.write(`${JSON.stringify({ contacts: valid, limits, ...(reader ? { reader } : {}) }, null, 2)}\n`);
}

main();
