/**
 * What counts as "the same value" when a page and a stored contact are compared: the alert fires
 * only for a real difference, never for spelling noise. Pure.
 */
import { splitHeadline } from '../detect/sites/linkedin.dom';
import type { WatchedField } from './types';

/** Case, accents' composed forms, runs of whitespace and edge punctuation do not make a new value. */
export function plainText(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s.,;:·|–—-]+|[\s.,;:·|–—-]+$/g, '');
}

/**
 * "Acme, Inc." is Acme: legal suffixes are how a company is registered, not who it is; GitHub's
 * "@acme" is the organisation's handle for it.
 */
const LEGAL_SUFFIX = /[\s,]+(?:inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|sa|sas|bv|nv|corp|corporation|co|company|pty)\.?$/;

function companyKey(value: string): string {
  return plainText(value).replace(/^@/, '').replace(LEGAL_SUFFIX, '').trim();
}

/**
 * A title as a job: a LinkedIn headline ("Head of Data at Initech | Speaker") stored or read in
 * full is the same job as its title alone, so "Head of Data" does not alert against it.
 */
function titleKey(value: string): string {
  return plainText(splitHeadline(value).title ?? value);
}

/** A photo is its address without query or fragment: CDNs re-sign and resize the same picture on every visit. */
function photoKey(value: string): string {
  try {
    const url = new URL(value);
    return `${url.host.toLowerCase()}${url.pathname}`;
  } catch {
    return value.trim();
  }
}

/**
 * Whether two photos can be compared at all: only on one host. Each site has its own picture of a
 * person (a GitHub avatar, a LinkedIn photo), and a different site's picture is not a new one.
 */
export function samePhotoHost(stored: string, page: string): boolean {
  try {
    return new URL(stored).host.toLowerCase() === new URL(page).host.toLowerCase();
  } catch {
    return false;
  }
}

/** The form two values of one field are compared in; equal keys mean no change. */
export function comparable(field: WatchedField, value: string): string {
  switch (field) {
    case 'company':
      return companyKey(value);
    case 'title':
      return titleKey(value);
    case 'avatarUrl':
      return photoKey(value);
    case 'location':
      return plainText(value);
  }
}
