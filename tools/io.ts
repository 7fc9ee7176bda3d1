/**
 * `npm run -s io -- inspect FILE` prints what an import of FILE would read, as JSON, writing
 * nothing: `{"format","rows","contacts","rejected",…}`. `npm run -s io -- convert FILE --to
 * csv|vcard|json` writes the file converted to stdout (json: a Sidebar CRM backup that the
 * options page restores). The same lib/io code the options page runs.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openCrmDatabase } from '../lib/db';
import { BACKUP_FORMAT, BACKUP_VERSION, parseBackup, serializeBackup } from '../lib/io/backup';
import { contactsToCsv, contactsToVcard, ImportFileError, parseImportFile } from '../lib/io/formats';
import { recordsFromImport } from '../lib/io/records';
import { MAPPABLE_FIELDS, type ParsedImport } from '../lib/io/types';
import type { Contact } from '../lib/model';

const USAGE = `Usage: npm run -s io -- inspect FILE [--mapping JSON] [--currency EUR] [--encoding LABEL]
       npm run -s io -- convert FILE --to csv|vcard|json [same options]

inspect   prints the import preview as JSON: {"format","rows","contacts","rejected",
          "transactions","notices","headers","mapping"}; writes nothing
convert   writes FILE converted to stdout: csv (Google Contacts columns), vcard (4.0),
          json (a Sidebar CRM backup the options page can restore)
  FILE              a contacts CSV, vCard, transactions CSV, CDNOW file or backup JSON
  --mapping JSON    column mapping for a CSV, {"Header":"field",…} (or a .json file holding it);
                    fields: ${MAPPABLE_FIELDS.join(', ')}
  --currency CODE   currency of transactions without one (default USD)
  --encoding LABEL  the file's text encoding when it cannot be guessed (e.g. shift_jis)
  --help            this text`;

const ColumnMappingInput = z.record(z.string(), z.enum(MAPPABLE_FIELDS));

function usageError(message: string): never {
  console.error(`io: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function failure(message: string): never {
  console.error(`io: ${message}`);
  process.exit(1);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function readMapping(raw: string | undefined) {
  if (raw === undefined) return undefined;
  let text = raw;
  if (!raw.trim().startsWith('{')) {
    try {
      text = readFileSync(raw, 'utf8');
    } catch (error) {
      usageError(`--mapping is neither JSON nor a readable file: ${messageOf(error)}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    usageError(`--mapping is not valid JSON: ${messageOf(error)}`);
  }
  const result = ColumnMappingInput.safeParse(json);
  if (!result.success) usageError(`--mapping must map headers to one of: ${MAPPABLE_FIELDS.join(', ')}`);
  return result.data;
}

/** The stored-contact shape of every person in the file: what the options page would create. */
/** A backup's rows that are left out (over a limit, invalid), said on stderr: stdout stays the data. */
function readBackup(text: string) {
  const backup = parseBackup(text);
  if (!backup.ok) failure(`not a readable backup: ${backup.error}`);
  for (const row of backup.refused.slice(0, 20)) console.error(`io: left out ${row.table} ${row.id ?? '(no id)'}: ${row.reason}`);
  if (backup.refused.length > 20) console.error(`io: …and ${backup.refused.length - 20} more rows left out`);
  return backup;
}

function contactsOf(parsed: ParsedImport, text: () => string): Contact[] {
  if (parsed.format !== 'backup-json') return recordsFromImport(parsed).contacts;
  const backup = readBackup(text());
  return backup.backup.tables.contacts.filter((contact) => contact.deletedAt === undefined) as Contact[];
}

function toBackupJson(parsed: ParsedImport, text: string): string {
  if (parsed.format === 'backup-json') {
    return serializeBackup(readBackup(text).backup);
  }
  const records = recordsFromImport(parsed);
  const db = openCrmDatabase('sidebar-crm-io-cli');
  const schemaVersion = db.verno;
  db.close();
  return serializeBackup({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schemaVersion,
    exportedAt: new Date().toISOString(),
    tables: {
      contacts: records.contacts.map(({ profileUrls: _urls, searchTokens: _tokens, ...contact }) => contact),
      interactions: records.interactions,
      deals: records.deals,
      tasks: [],
      meta: [],
      templates: [],
    },
    settings: {},
  });
}

async function main(): Promise<void> {
  let parsedArgs;
  try {
    parsedArgs = parseArgs({
      allowPositionals: true,
      options: {
        mapping: { type: 'string' },
        currency: { type: 'string' },
        encoding: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    usageError(messageOf(error));
  }
  const { values, positionals } = parsedArgs;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [command, file, ...extra] = positionals;
  if (command !== 'inspect' && command !== 'convert') usageError(command ? `unknown command ${JSON.stringify(command)}` : 'no command given');
  if (!file) usageError('no file given');
  if (extra.length > 0) usageError(`unexpected arguments: ${extra.join(' ')}`);
  if (values.currency !== undefined && !/^[A-Za-z]{3}$/.test(values.currency)) usageError(`--currency wants a 3-letter code, not ${JSON.stringify(values.currency)}`);
  const to = values.to;
  if (command === 'convert' && (to === undefined || !['csv', 'vcard', 'json'].includes(to))) usageError('convert needs --to csv, vcard or json');
  if (command === 'inspect' && to !== undefined) usageError('--to is for convert');
  const mapping = readMapping(values.mapping);

  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file === '-' ? 0 : file));
  } catch (error) {
    failure(`cannot read ${file}: ${messageOf(error)}`);
  }

  let parsed: ParsedImport;
  try {
    parsed = await parseImportFile(bytes, {
      fileName: basename(file),
      ...(mapping ? { mapping } : {}),
      ...(values.currency ? { defaultCurrency: values.currency } : {}),
      ...(values.encoding ? { encoding: values.encoding } : {}),
    });
  } catch (error) {
    if (error instanceof ImportFileError) failure(`${file}: ${error.message}`);
    throw error;
  }
  const text = () => new TextDecoder().decode(bytes);

  if (command === 'inspect') {
    const { format, rows, contacts, rejected, ...rest } = parsed;
    const preview = { format, rows, contacts, rejected: rejected.map(({ line, reason }) => ({ line, reason })), ...rest };
    process.stdout.write(`${JSON.stringify(preview, null, 2)}\n`);
    return;
  }
  if (to === 'json') process.stdout.write(toBackupJson(parsed, text()));
  else if (to === 'csv') process.stdout.write(contactsToCsv(contactsOf(parsed, text)));
  else process.stdout.write(contactsToVcard(contactsOf(parsed, text)));
}

main().catch((error: unknown) => {
  // Anything unexpected is a bug: keep its stack for the report.
  console.error(error);
  process.exit(1);
});
