// `node --import ./module-log.mjs`: appends to $MODULE_LOG the URL of every module the process loads,
// ES modules as they are resolved (a hook, see module-log-hooks.mjs) and CommonJS ones from require's cache at exit
// (a CommonJS package's own require() calls do not pass through the ES resolve hook).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const log = process.env.MODULE_LOG;
if (!log) throw new Error('module-log.mjs: set MODULE_LOG to the file to append to');
register('./module-log-hooks.mjs', import.meta.url, { data: { log } });
const require = createRequire(import.meta.url);
process.on('exit', () => {
  appendFileSync(log, Object.keys(require.cache).map((file) => `${pathToFileURL(file).href}\n`).join(''));
});
