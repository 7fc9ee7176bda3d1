export * from './fields';
export * from './parse';
export * from './render';
export * from './model';
export * from './for-contact';
export * from './audience';
