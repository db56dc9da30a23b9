import js from '@eslint/js'
import pluginQuery from '@tanstack/eslint-plugin-query'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Imports flow one way (ARCHITECTURE.md): contract ← domain ← lib ← components ← features ← app.
 * A feature never imports another feature or the app shell; the contract imports only zod.
 */
const FEATURES = ['overview', 'zones', 'projects', 'auth', 'admin']
const featureZones = FEATURES.map((feature) => ({
  target: `./src/features/${feature}`,
  from: './src/features',
  except: [`./${feature}`],
  message: 'A feature does not reach into another feature; share through src/components, lib or domain.',
}))

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'public/mockServiceWorker.js', 'coverage', 'test-results', '.screenshots', 'data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...featureZones,
            { target: './src/features', from: './src/app', message: 'Features do not import the app shell.' },
            { target: ['./src/components', './src/lib', './src/domain', './src/contract', './src/config'], from: './src/features' },
            { target: ['./src/components', './src/lib', './src/domain', './src/contract'], from: './src/app' },
            { target: ['./src/domain', './src/contract'], from: ['./src/components', './src/lib', './mocks'] },
            { target: './src/contract', from: './src/domain' },
            { target: './src', from: './mocks', except: [], message: 'The app never imports mocks (except main.tsx in demo mode).' },
          ],
        },
      ],
    },
  },
  {
    // main.tsx starts the MSW worker in demo mode: the one allowed import of mocks from src.
    files: ['src/main.tsx'],
    rules: { 'import-x/no-restricted-paths': 'off' },
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
)
