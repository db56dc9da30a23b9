import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import pluginQuery from '@tanstack/eslint-plugin-query'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Imports flow one way (docs/architecture.md): contract ← domain ← lib ← components ← features ← app.
 * A feature never imports another feature or the app shell; the contract imports only zod. The app (src/)
 * never imports the server or the mocks (main.tsx alone starts the mock worker); the server never imports
 * the mocks, while the mocks may hand requests to the server's app. The server drawing a page imports the
 * app's routes (server/first-paint/ → src/app/router.tsx, src/app/first-paint/state.ts): that seam points
 * from server/ into src/, which no zone forbids, so src/ needs no exception to reach server/.
 *
 * The zones are built for a root folder, so tests/server/lint-rules.test.ts checks the very same zones on
 * small fixtures (tests/lint-fixtures/, laid out like the repository) that must fail.
 */
const here = dirname(fileURLToPath(import.meta.url))
const LINT_FIXTURES = 'tests/lint-fixtures'

/** Every folder in <root>/src/features is a feature: a new one is checked without editing this file. */
const featuresIn = (root) =>
  readdirSync(join(root, 'src/features'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)

/** The mock worker's one door into the app: src/main.tsx starts it in demo mode. */
const MOCKS_INTO_APP = 'The app never imports mocks (except src/main.tsx, which starts the mock worker in demo mode).'

/** Options for import-x/no-restricted-paths, with paths relative to `root`. */
function layerZones(root, { mocksIntoApp = false } = {}) {
  const featureZones = featuresIn(root).map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'A feature does not reach into another feature; share through src/components, lib or domain.',
  }))
  return {
    basePath: root,
    zones: [
      ...featureZones,
      { target: './src/features', from: './src/app', message: 'Features do not import the app shell.' },
      {
        target: ['./src/components', './src/lib', './src/domain', './src/contract', './src/config'],
        from: './src/features',
      },
      { target: ['./src/components', './src/lib', './src/domain', './src/contract'], from: './src/app' },
      { target: ['./src/domain', './src/contract'], from: ['./src/components', './src/lib', './mocks'] },
      { target: './src/contract', from: './src/domain' },
      {
        target: './src',
        from: './server',
        message: 'The app does not import the server (the server imports the app to draw pages).',
      },
      {
        target: './server',
        from: './mocks',
        message: 'The server does not import the mocks (the mocks may call the server).',
      },
      ...(mocksIntoApp ? [] : [{ target: './src', from: './mocks', message: MOCKS_INTO_APP }]),
    ],
  }
}

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      'public/mockServiceWorker.js',
      'coverage',
      'test-results',
      '.screenshots',
      'data',
      // Local scratch (gitignored): measurement scripts and builds kept aside.
      '.tmp',
      LINT_FIXTURES,
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, 'import-x': importX },
    settings: {
      // import-x follows an import only into a file whose extension is listed here (by default .js, .mjs and
      // .cjs): without .ts and .tsx, no-cycle read no module past the one linted and flagged nothing.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'],
      // A package never imports this code back, so no cycle passes through node_modules: not reading the
      // packages (their .d.ts and .js) keeps no-cycle quick.
      'import-x/ignore': ['[\\\\/]node_modules[\\\\/]'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: join(here, 'tsconfig.json') })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', layerZones(here)],
    },
  },
  {
    // The one allowed import of mocks from src: main.tsx starts the MSW worker in demo mode. Every other zone
    // still holds for it.
    files: ['src/main.tsx'],
    rules: { 'import-x/no-restricted-paths': ['error', layerZones(here, { mocksIntoApp: true })] },
  },
  {
    // Fixtures that must fail (tests/server/lint-rules.test.ts): the same zones, rooted at the fixtures' folder.
    // `npm run lint` ignores them (above); the test lints them with ignore: false.
    files: [`${LINT_FIXTURES}/**/*.{ts,tsx}`],
    rules: { 'import-x/no-restricted-paths': ['error', layerZones(join(here, LINT_FIXTURES))] },
  },
  {
    // Plain scripts the browser loads as they are (public/after-first-paint.js).
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module' },
  },
  {
    files: ['scripts/**/*.mjs', 'tests/e2e/**/*', '*.config.*'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // A browser test takes its worker's own server from the fixture (decision 85): Playwright's own `test` would
    // send it to the first worker's server, where another worker's journey may be changing the data.
    files: ['tests/e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@playwright/test', message: "Import test and expect from './fixtures' (each worker's own server)." }] }],
    },
  },
)
