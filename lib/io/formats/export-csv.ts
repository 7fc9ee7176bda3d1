/**
 * Stored contacts → a CSV in Google Contacts' layout (the columns Google, Outlook and most CRMs
 * import), which this project's importer reads back as `google-csv` with the same fields.
 * Cells that a spreadsheet would run as formulas are escaped (csv-cells.ts).
 */
import type { Contact } from '../../model';
import { escapeFormula, quoteCsvCell } from './csv-cells';

export type ExportableContact = Pick<Contact, 'name' | 'emails' | 'phones' | 'company' | 'title' | 'location' | 'avatarUrl' | 'profiles' | 'tags'>;

/** "Ada King Lovelace" → ["Ada King", "Lovelace"]: the importer joins them with one space again. */
export function splitName(name: string | undefined): [string, string] {
  const text = name ?? '';
  const at = text.lastIndexOf(' ');
  return at <= 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

const numbered = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => [`${prefix} ${i + 1} - Label`, `${prefix} ${i + 1} - Value`]).flat();

export function contactsToCsv(contacts: readonly ExportableContact[]): string {
  // Every row has as many E-mail/Phone/Website columns as the contact with the most.
  let emails = 1;
  let phones = 1;
  let websites = 1;
  for (const contact of contacts) {
    emails = Math.max(emails, contact.emails.length);
    phones = Math.max(phones, contact.phones.length);
    websites = Math.max(websites, contact.profiles.length);
  }
  const header = [
    'First Name',
    'Middle Name',
    'Last Name',
    'Organization Name',
    'Organization Title',
    'Photo',
    'Labels',
    ...numbered(emails, 'E-mail'),
    ...numbered(phones, 'Phone'),
    // The stored location is free text ("Stuttgart, Germany"): all of it goes in the city.
    'Address 1 - City',
    ...numbered(websites, 'Website'),
  ];
  const lines = [header.map(quoteCsvCell).join(',')];
  for (const contact of contacts) {
    const [first, last] = splitName(contact.name);
    const cells = [
      first,
      '',
      last,
      contact.company ?? '',
      contact.title ?? '',
      contact.avatarUrl ?? '',
      contact.tags.join(' ::: '),
      ...Array.from({ length: emails }, (_, i) => ['', contact.emails[i] ?? '']).flat(),
      ...Array.from({ length: phones }, (_, i) => ['', contact.phones[i] ?? '']).flat(),
      contact.location ?? '',
      ...Array.from({ length: websites }, (_, i) => [contact.profiles[i]?.kind ?? '', contact.profiles[i]?.url ?? '']).flat(),
    ];
    lines.push(cells.map((cell) => quoteCsvCell(escapeFormula(cell))).join(','));
  }
  // A BOM so spreadsheet programs read the file as UTF-8; CRLF as RFC 4180 asks.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
