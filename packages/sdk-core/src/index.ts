export * from './errors/index';
export * from './events';
export * from './hashing/index';
export * from './keywords/index';
export * from './matching/index';
export * from './policy/index';
export type * from './ports/index';
export * from './reporting/index';
export * from './urls/index';
