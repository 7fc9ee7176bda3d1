/**
 * Stored contacts → a CSV in Google Contacts' layout (the columns Google, Outlook and most CRMs
 * import), which this project's importer reads back as `google-csv` with the same fields.
 * Cells that a spreadsheet would run as formulas are escaped (csv-cells.ts).
 */
import { phoneAsWritten } from '../../model';
import { type ExportableContact, addressesForExport, splitName } from '../../model/vcard';
import { escapeFormula, quoteCsvCell } from './csv-cells';

export type { ExportableContact } from '../../model/vcard';

/** Google's address columns, in its order, and the part each holds. */
const ADDRESS_COLUMNS = [
  ['Street', 'street'],
  ['City', 'locality'],
  ['PO Box', 'poBox'],
  ['Region', 'region'],
  ['Postal Code', 'postalCode'],
  ['Country', 'country'],
  ['Extended Address', 'extended'],
] as const;

const numbered = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => [`${prefix} ${i + 1} - Label`, `${prefix} ${i + 1} - Value`]).flat();

export function contactsToCsv(contacts: readonly ExportableContact[]): string {
  // Every row has as many E-mail/Phone/Website columns as the contact with the most.
  let emails = 1;
  let phones = 1;
  let websites = 1;
  let addresses = 1;
  const addressesOf = contacts.map(addressesForExport);
  for (const list of addressesOf) addresses = Math.max(addresses, list.length);
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
    // Each address in its parts; the location (free text, "Stuttgart, Germany") whole in a city.
    ...Array.from({ length: addresses }, (_, i) => [`Address ${i + 1} - Label`, ...ADDRESS_COLUMNS.map(([column]) => `Address ${i + 1} - ${column}`)]).flat(),
    ...numbered(websites, 'Website'),
  ];
  const lines = [header.map(quoteCsvCell).join(',')];
  contacts.forEach((contact, row) => {
    const [first, last] = splitName(contact.name);
    const places = addressesOf[row]!;
    const cells = [
      first,
      '',
      last,
      contact.company ?? '',
      contact.title ?? '',
      contact.avatarUrl ?? '',
      contact.tags.join(' ::: '),
      ...Array.from({ length: emails }, (_, i) => ['', contact.emails[i] ?? '']).flat(),
      // A phone as it was written (1 800 ELEPHANT, p1234p5678w9), not only its stored form.
      ...Array.from({ length: phones }, (_, i) => ['', contact.phones[i] === undefined ? '' : phoneAsWritten(contact, contact.phones[i])]).flat(),
      ...Array.from({ length: addresses }, (_, i) => {
        const address = places[i];
        return [address?.types.join(',') ?? '', ...ADDRESS_COLUMNS.map(([, part]) => address?.parts[part] ?? '')];
      }).flat(),
      ...Array.from({ length: websites }, (_, i) => [contact.profiles[i]?.kind ?? '', contact.profiles[i]?.url ?? '']).flat(),
    ];
    lines.push(cells.map((cell) => quoteCsvCell(escapeFormula(cell))).join(','));
  });
  // A BOM so spreadsheet programs read the file as UTF-8; CRLF as RFC 4180 asks.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
