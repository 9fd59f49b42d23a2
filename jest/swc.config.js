// The same SWC options the build uses, with source maps inlined for readable stack traces.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(readFileSync(path.join(__dirname, '..', '.swcrc'), 'utf8'));
module.exports = { ...swcrc, swcrc: false, sourceMaps: 'inline' };
