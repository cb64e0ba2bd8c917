// Preloaded into a CLI run by the corpus tests: writes the process's peak
// resident memory (KiB) to $STATEMENTS_RSS_FILE when it exits.
const { writeFileSync } = require('node:fs');
const file = process.env.STATEMENTS_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
