// Preload (node --require) that records each script the CLI's loader compiles with `vm.Script`
// (dist/main.cjs: a chunk with or without V8's cached data) and writes, when the process exits,
// [{ file, cachedData, rejected }] as JSON to DW_SCRIPTS_OUT.
'use strict';
const vm = require('node:vm');
const { writeFileSync } = require('node:fs');

const scripts = [];
const Script = vm.Script;
vm.Script = class RecordedScript extends Script {
  constructor(code, options) {
    super(code, options);
    scripts.push({ file: options?.filename, cachedData: options?.cachedData !== undefined, rejected: this.cachedDataRejected === true });
  }
};
process.on('exit', () => writeFileSync(process.env.DW_SCRIPTS_OUT, JSON.stringify(scripts)));
