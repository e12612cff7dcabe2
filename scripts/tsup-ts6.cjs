// typescript@7 is the native compiler and ships no JS API, but tsup's dts step
// calls `require('typescript')` for it. Preloaded through NODE_OPTIONS by the
// package build scripts, this hands tsup the TypeScript 6 JS API package
// (@typescript/typescript6) under that name; nothing else is redirected.
const Module = require('node:module');
const path = require('node:path');

const ts6 = require.resolve('@typescript/typescript6', { paths: [path.join(__dirname, '..')] });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'typescript' && parent?.filename?.includes(`${path.sep}tsup${path.sep}`)) {
    return ts6;
  }
  return resolve.call(this, request, parent, ...rest);
};
