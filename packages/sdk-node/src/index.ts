export { createProgram } from './cli/program';
export * from './hashing/index';
export * from './lists/index';
export * from './matching/index';
export * from './models/index';
export * from './preview/index';
export * from './reporting/index';
export * from './urls/index';
