export { createProgram } from './cli/program';
