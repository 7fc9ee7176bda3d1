/**
 * The contract between the file formats (parsers and exporters: pure, no database) and the
 * import runner (matching against IndexedDB, preview, writing, backup and restore). Parsers turn
 * a file into these records; the runner never looks at file syntax.
 */
import type { PostalAddress, ProfileLink } from '../model';

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

/** A row (or card) the parser could not use, with the line it starts on (1-based) and why. */
export interface RejectedRow {
  line: number;
  reason: string;
}

/** One person read from a file, before it is matched to stored contacts. */
export interface ImportedContact {
  /** Line (1-based) the row or card starts on, for reports. */
  line: number;
  name?: string;
  /** Lower-cased, validated. */
  emails: string[];
  /**
   * As written in the file (trimmed, `tel:` and runs of spaces removed): what the preview shows.
   * The stored contact keeps the E.164 form as its key and this text beside it (phoneText).
   */
  phones: string[];
  company?: string;
  title?: string;
  /** A place (locality, region, country): the work address, else the preferred, else the first. */
  location?: string;
  /** The file's postal addresses, but one that `location` holds whole (lib/io/formats/addresses.ts). */
  addresses?: PostalAddress[];
  /** http(s) only. */
  profiles: ProfileLink[];
  tags: string[];
  /** A free-text note from the file (vCard NOTE, a Notes column): stored as a "note" interaction. */
  note?: string;
  /** http(s) photo URL; embedded photos are dropped (with a notice in `notices`). */
  avatarUrl?: string;
}

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
