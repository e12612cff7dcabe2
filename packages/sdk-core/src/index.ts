export * from './errors/index';
export type * from './ports/index';
