/**
 * The vCard writer, shared by the file export (lib/io) and the sync server's address book
 * (CardDAV): one mapping from a stored contact to a vCard. The parser stays with the importer.
 * Not re-exported from lib/model's index, so code that needs only the model loads no ical.js.
 */
export { PLACE_PARTS, addressesForExport, chosenAddress, placeOf, type AddressParts } from './addresses';
export { splitName } from './names';
export { contactToVcard, contactsToVcard, type ExportableContact, type VcardContact, type VcardVersion } from './write';
