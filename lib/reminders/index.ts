export * from './time';
export * from './schedule';
export * from './notifications';
export * from './runner';
