export * from './model';
export * from './templates';
export * from './edit';
export * from './pipeline-list';
