/**
 * What the options page uses of lib/io/formats (parsers and exporters): one import site, so the
 * UI does not depend on how that folder is laid out.
 */
export { contactsToCsv, contactsToVcard, guessMapping, headerSignature, ImportFileError, parseImportFile } from '@/lib/io/formats';
