export * from './compose-url';
export * from './plan';
export * from './session';
