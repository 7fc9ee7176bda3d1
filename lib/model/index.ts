export * from './contact';
export * from './activity';
export * from './detected';
export * from './normalize';
export * from './template';
