export * from './value-settings';
export * from './value-settings-form';
