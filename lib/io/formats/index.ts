/** File formats for import and export: pure functions, no database, no DOM. */
export { decodeText, type DecodedText } from './decode';
export { detectFormat } from './detect';
export { parseImportFile, ImportFileError, type ImportProgress, type ParseImportOptions } from './parse-file';
export { parseContactsCsv, type CsvParseOptions } from './csv-contacts';
export { guessMapping, headerSignature, recognizeLayout } from './csv-layouts';
export { csvRowChunks, detectDelimiter, type CsvChunk, type CsvRow } from './csv-rows';
export { escapeFormula, unescapeFormula, MAX_CELL_CHARS } from './csv-cells';
export { parseVcards } from './vcard';
export { parseTransactionsCsv, parseCdnowTransactions } from './transactions';
export { contactsToCsv, type ExportableContact } from './export-csv';
// The vCard writer is shared with the sync server's address book, so it lives in lib/model.
export { contactsToVcard } from '../../model/vcard';
