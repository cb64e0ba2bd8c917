// Preloaded into CLI runs by tests/build/kill.test.ts: a test hook on every step a build takes
// to change the disk (make a folder, open a file for writing, write it, flush it, rename,
// remove), each named `<step> <path>[ -> <path>]` with paths relative to the working folder.
//   STATEMENTS_STEPS_FILE=FILE            appends each step's name to FILE (one a line) before taking it;
//   STATEMENTS_KILL_BEFORE=N:REGEX        SIGKILLs the process just before the N-th step whose name matches.
// Killing at named steps, not after some time, makes every run land where the test means it to.
const fs = require('node:fs/promises');
const { appendFileSync } = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');
const path = require('node:path');

const stepsFile = process.env.STATEMENTS_STEPS_FILE;
const [, count, pattern] = /^(\d+):(.*)$/s.exec(process.env.STATEMENTS_KILL_BEFORE ?? '') ?? [];
const killPattern = pattern === undefined ? undefined : new RegExp(pattern);
let matched = 0;

const shown = (file) => path.relative(process.cwd(), String(file));
function step(name) {
  if (stepsFile) appendFileSync(stepsFile, `${name}\n`);
  if (killPattern?.test(name) && ++matched === Number(count)) process.kill(process.pid, 'SIGKILL');
}

const { mkdir, open, rename, rm } = fs;
fs.mkdir = async (dir, ...rest) => {
  step(`mkdir ${shown(dir)}`);
  return mkdir(dir, ...rest);
};
fs.open = async (file, flags, ...rest) => {
  const handle = await open(file, flags, ...rest);
  if (typeof flags !== 'string' || !/[wa+]/.test(flags)) return handle;
  step(`open ${shown(file)}`);
  const { writeFile, sync } = handle;
  handle.writeFile = async (...args) => {
    step(`write ${shown(file)}`);
    return writeFile.apply(handle, args);
  };
  handle.sync = async () => {
    step(`sync ${shown(file)}`);
    return sync.apply(handle);
  };
  return handle;
};
fs.rename = async (from, to) => {
  step(`rename ${shown(from)} -> ${shown(to)}`);
  return rename(from, to);
};
fs.rm = async (target, ...rest) => {
  step(`rm ${shown(target)}`);
  return rm(target, ...rest);
};
syncBuiltinESMExports();
