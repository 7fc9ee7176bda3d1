/**
 * A person read from a file or a client's vCard, cleaned but not yet matched to stored contacts:
 * what every importer (CSV, vCard) and the sync server's address book (CardDAV PUT) produce.
 */
import type { PostalAddress, ProfileLink } from '../contact';

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
