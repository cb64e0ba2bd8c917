// Preloaded into CLI runs by tests/build/kill.test.ts: a slow disk. Each
// flush and rename takes a while, so kills at random moments land while a
// statement's files are being written and switched, not only while rendering.
const fs = require('node:fs/promises');
const { syncBuiltinESMExports } = require('node:module');

const DELAY_MS = 25;
const pause = () => new Promise((resolve) => setTimeout(resolve, DELAY_MS));
const { open, rename } = fs;
fs.open = async (...args) => {
  const handle = await open(...args);
  const sync = handle.sync.bind(handle);
  handle.sync = async () => {
    await pause();
    return sync();
  };
  return handle;
};
fs.rename = async (...args) => {
  await pause();
  return rename(...args);
};
syncBuiltinESMExports();
