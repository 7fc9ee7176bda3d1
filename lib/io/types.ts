/**
 * The contract between the file formats (parsers and exporters: pure, no database) and the
 * import runner (matching against IndexedDB, preview, writing, backup and restore). Parsers turn
 * a file into these records; the runner never looks at file syntax.
 */
import type { ImportedContact, RejectedRow } from '../model/contact-draft/types';

export type { ImportedContact, RejectedRow } from '../model/contact-draft/types';

export const IMPORT_FORMATS = [
  'google-csv',
  'outlook-csv',
  'linkedin-csv',
  'hubspot-csv',
  /** A CSV whose header matched no known export: imported through a column mapping. */
  'csv',
  'vcard',
  /** `contact email or id, date, amount[, currency]` rows: won deals. */
  'transactions-csv',
  /** The raw CDNOW purchase file (lib/value/cdnow.ts): won deals. */
  'cdnow',
  /** A Sidebar CRM full backup (lib/io/backup.ts). */
  'backup-json',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One purchase read from a transactions file: a won deal once its contact is found. */
export interface ImportedTransaction {
  line: number;
  /** How the row names its contact: an email (lower-cased) or a contact id / customer id. */
  contact: { email: string } | { id: string };
  /** Epoch milliseconds (UTC midnight for a date without time). */
  at: number;
  /** Integer minor units (cents), like Deal.amount. */
  amount: number;
  /** ISO 4217; the file's column, else the caller's default. */
  currency: string;
  /** The buyer's name, when the file has a name column: for a contact made from the purchase. */
  name?: string;
}

/** The column mapping for a CSV: which header feeds which contact field. */
export const MAPPABLE_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'email',
  'phone',
  'company',
  'title',
  'location',
  'profileUrl',
  'tags',
  'note',
  /** An http(s) photo URL (Google's "Photo" column). */
  'avatarUrl',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];
/** Header (exactly as in the file) → field; unmapped headers are ignored. */
export type ColumnMapping = Record<string, MappableField>;

/** What a parser read from one file. Nothing has touched the database yet. */
export interface ParsedImport {
  format: ImportFormat;
  /** Data rows (CSV) or cards (vCard) or transactions read, valid or not. */
  rows: number;
  contacts: ImportedContact[];
  transactions: ImportedTransaction[];
  rejected: RejectedRow[];
  /** Non-fatal remarks for the user ("3 embedded photos dropped", "read as Windows-1252"). */
  notices: string[];
  /** For a CSV of unknown layout: its headers and the mapping that was guessed or given. */
  headers?: string[];
  mapping?: ColumnMapping;
}
