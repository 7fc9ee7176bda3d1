export * from './settings';
export * from './rules';
export * from './dismissals';
export * from './next-best-actions';
