export * from './contact';
export * from './activity';
export * from './detected';
export * from './normalize';
export * from './template';
export * from './email';
export * from './timestamps';
export * from './contact-limits';
