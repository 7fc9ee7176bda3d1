export * from './types';
export * from './normalize';
export * from './kept';
export * from './propose';
export * from './words';
export * from './match';
