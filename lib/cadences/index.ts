export * from './days';
export * from './plan';
export * from './last-touch';
export * from './settings';
export * from './snoozes';
