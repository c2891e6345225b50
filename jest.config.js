// ts-jest in ESM mode (the recipe of actions/setup-node v7). Type checking is
// done once by `tsc --noEmit` (npm run typecheck), so the transform only
// transpiles: that keeps the suite fast on 2-core machines.
export default {
  testEnvironment: 'node',
  // .mts: the eval/ scripts (imported as .mjs, as NodeNext wants), whose readers have tests; a
  // relative .mjs import without an .mts beside it (inside node_modules) resolves as written.
  extensionsToTreatAsEsm: ['.ts', '.mts'],
  moduleFileExtensions: ['js', 'mjs', 'cjs', 'ts', 'mts', 'json', 'node'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^(\\.{1,2}/.*)\\.mjs$': ['$1.mts', '$1.mjs'] },
  transform: {
    '^.+\\.m?ts$': ['ts-jest', { useESM: true, diagnostics: false }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Test data is read as files, never imported: keep its package.json files out of the module map.
  modulePathIgnorePatterns: ['<rootDir>/fixtures/', '<rootDir>/.cache/'],
  setupFiles: ['<rootDir>/__tests__/helpers/quiet-workflow-commands.ts'],
  testTimeout: 60000,
  verbose: false
}
