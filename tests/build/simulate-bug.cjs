// Preloaded into a CLI run by tests/cli/build.test.ts: listing the statements
// folder throws an error that no file system gives, as a bug in our code would.
const fs = require('node:fs/promises');
const { syncBuiltinESMExports } = require('node:module');
const path = require('node:path');
const readdir = fs.readdir;
fs.readdir = async (dir, ...rest) => {
  if (path.basename(String(dir)) === 'statements') throw new TypeError("Cannot read properties of undefined (reading 'isDirectory')");
  return readdir(dir, ...rest);
};
syncBuiltinESMExports();
