export * from './database';
export * from './contacts';
export * from './merge-detected';
export { newId } from './ids';
export * from './interactions';
export * from './deals';
export * from './values';
export * from './search';
