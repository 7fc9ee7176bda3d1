export * from './protocol';
export * from './router';
