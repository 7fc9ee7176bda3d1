export * from './days';
export * from './plan';
export * from './last-touch';
