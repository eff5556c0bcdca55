import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkArchitecture } from './checkArchitecture.js';

// The import rules of DESIGN.md and STYLE.md, checked on the whole workspace.
// Biome's noImportCycles (biome.json) reports runtime circles inside a package
// as you edit; this also sees type-only circles and circles between packages.
const report = checkArchitecture(fileURLToPath(new URL('../..', import.meta.url)));

describe('architecture', () => {
  it('has no import circle among the files of any package', () => {
    expect(report.fileCycles).toEqual([]);
  });

  it('has no import circle among the packages', () => {
    expect(report.packageCycles).toEqual([]);
  });

  it('places every workspace package in a layer', () => {
    expect(report.unplaced).toEqual([]);
  });

  it('points dependencies inward: core imports no other package, domain packages no runtime or plugin, plugins no other plugin', () => {
    expect(report.layerBreaches).toEqual([]);
  });

  it('imports cloud SDKs only in plugins (and their support libraries and the apps)', () => {
    expect(report.cloudSdkImports).toEqual([]);
  });

  it('keeps relative imports inside their package', () => {
    expect(report.escapingImports).toEqual([]);
  });

  it('keeps token files to type-only imports', () => {
    expect(report.tokenFileValueImports).toEqual([]);
  });

  it('creates containers only in runtime and the apps', () => {
    expect(report.containersOutsideRoot).toEqual([]);
  });
});
