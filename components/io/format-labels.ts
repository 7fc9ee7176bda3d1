import type { ImportFormat, MappableField } from '@/lib/io/types';

export const FORMAT_LABEL: Record<ImportFormat, string> = {
  'google-csv': 'Google Contacts CSV',
  'outlook-csv': 'Outlook contacts CSV',
  'linkedin-csv': 'LinkedIn connections CSV',
  'hubspot-csv': 'HubSpot contacts CSV',
  csv: 'CSV with its own columns',
  vcard: 'vCard',
  'transactions-csv': 'Transactions CSV (purchases)',
  cdnow: 'CDNOW purchases',
  'backup-json': 'Sidebar CRM backup',
};

export const FIELD_LABEL: Record<MappableField, string> = {
  name: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  company: 'Company',
  title: 'Job title',
  location: 'Location',
  profileUrl: 'Profile or website URL',
  tags: 'Tags',
  note: 'Note',
  avatarUrl: 'Photo URL',
};

export function plural(count: number, one: string, many: string = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
