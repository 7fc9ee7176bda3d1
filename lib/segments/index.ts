export * from './facts';
export * from './evaluate';
export * from './plan';
export * from './describe';
