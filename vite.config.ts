/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { firstPageChunkNamer } from './scripts/first-page-chunks.ts'
import { precompress } from './scripts/precompress.ts'
import { zodWithoutJsonSchema } from './scripts/zod-without-json-schema.ts'

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * The one place where browser code stands in for the server's: the backend-free demo runs the server's API
 * (mocks/browser.ts), and these Node-only modules are replaced in browser builds by stand-ins with the same
 * exports (each checks that by type). The server build and the tests use the real modules.
 */
const BROWSER_SEAMS = new Map([
  [source('./server/auth/password.ts'), source('./server/browser/password.ts')],
  [source('./server/xlsx/workbook.ts'), source('./server/browser/workbook.ts')],
  [source('./server/docx/bulletin-document.ts'), source('./server/browser/bulletin-document.ts')],
  [source('./server/files/photo-upload.ts'), source('./server/browser/photo-upload.ts')],
  [source('./server/files/pdf-upload.ts'), source('./server/browser/pdf-upload.ts')],
])
function browserSeams(): Plugin {
  return {
    name: 'browser-seams',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (!/\/(password|workbook|bulletin-document|photo-upload|pdf-upload)(\.ts)?$/.test(id)) return null
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true })
      return (resolved && BROWSER_SEAMS.get(resolved.id)) ?? null
    },
  }
}

/**
 * The server files that run each in a fresh module graph: first-paint.test.ts hydrates pages in Node and leaves
 * window, document and the app's modules behind it (vi.resetModules); restart.test.ts spawns the server as
 * processes and has the longest run of all, so it starts first on a worker of its own (tests/support/sequencer.ts).
 */
const SERVER_ALONE = ['tests/server/restart.test.ts', 'tests/server/first-paint.test.ts']

/** The tests' file order (only under Vitest: a build need not load Vitest). */
const sequencer = process.env.VITEST ? (await import('./tests/support/sequencer.ts')).LongestFirst : undefined

export default defineConfig(({ isSsrBuild }) => {
  const chunkFor = firstPageChunkNamer({
    entry: source('./src/main.tsx'),
    router: source('./src/app/router.tsx'),
    home: source('./src/app/routes/overview.tsx'),
  })
  return {
    // The SPA's bundles leave out zod's JSON-Schema generation (only the server's OpenAPI document uses it).
    plugins: [react(), ...(isSsrBuild ? [] : [zodWithoutJsonSchema(), precompress()]), ...(isSsrBuild || process.env.VITEST ? [] : [browserSeams()])],
    // PGlite finds its WASM and data files beside its own module: not pre-bundled in dev (npm run dev:mock).
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
    // The server bundle (vite build --ssr server/main.ts) needs no copy of public/.
    publicDir: isSsrBuild ? false : 'public',
    resolve: {
      alias: {
        '@': source('./src'),
        '@mocks': source('./mocks'),
      },
    },
    server: {
      port: 5173,
      // npm run dev: the API server runs beside Vite (scripts/dev.mjs); dev:mock needs no proxy.
      proxy: process.env.API_PORT ? { '/api': `http://127.0.0.1:${process.env.API_PORT}` } : undefined,
    },
    // The manifest tells the server which chunks each page needs; it names them in the page's HTML
    // (server/page-hints.ts), so the build adds no preload helper or polyfill to the JavaScript (decision 52).
    build: {
      target: 'es2022',
      sourcemap: false,
      manifest: true,
      modulePreload: false,
      // A contract schema no code of a bundle uses is not built there (decision 55): `z.…` calls are side-effect
      // free, and so is every contract module but index.ts (which sets zod's locale), so the entry keeps only
      // the calendar's and the session's schemas and each page's answers stay in the page's chunks.
      rolldownOptions: {
        treeshake: {
          manualPureFunctions: ['z'],
          moduleSideEffects: [{ test: /[\\/]src[\\/]contract[\\/](?!index\.ts$)[^\\/]+\.ts$/, sideEffects: false }],
        },
        // The first page loads few files: boot (all the entry imports) + common (what the overview shares)
        // + the page's own chunk (scripts/first-page-chunks.ts).
        output: isSsrBuild
          ? {}
          : {
              codeSplitting: {
                // The groups are closed under imports already (scripts/first-page-chunks.ts); left to itself the
                // bundler pulled the contract into boot, whose modules import it.
                includeDependenciesRecursively: false,
                groups: [
                  {
                    name: (id, context) =>
                      chunkFor(id, {
                        importedIds: (m) => context.getModuleInfo(m)?.importedIds ?? [],
                        dynamicallyImportedIds: (m) => context.getModuleInfo(m)?.dynamicallyImportedIds ?? [],
                      }),
                  },
                ],
              },
            },
      },
    },
    test: {
      globals: true,
      css: false,
      // Two files at a time on this 2-core machine (the default leaves one core idle).
      maxWorkers: 2,
      // The longest files first, so that both workers end together.
      sequence: { sequencer },
      testTimeout: 15000,
      projects: [
        {
          extends: true,
          test: {
            // Pure rules and helpers: no DOM, no API, and one module graph per worker (isolate: false) —
            // each file in its own fresh graph cost ~1.5 s of start-up for a few ms of tests.
            name: 'unit',
            environment: 'node',
            isolate: false,
            include: ['tests/unit/**/*.test.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'web',
            environment: 'jsdom',
            // One module graph (React, the app, the server over PGlite) per worker, not per file: the same
            // 129 tests in 100 s instead of 208 s (measured side by side, docs/decisions/077). Each test still
            // starts from the seeded database (testApi.reset) and a fresh DOM (cleanup).
            isolate: false,
            globalSetup: ['./tests/global-setup.ts'],
            setupFiles: ['./tests/setup.ts'],
            include: ['tests/features/**/*.test.tsx'],
          },
        },
        {
          extends: true,
          test: {
            name: 'server',
            environment: 'node',
            // One module graph per worker, as in web: the server's modules, PGlite's and zod's are imported once
            // per worker, not once per file (about 2 s a file; docs/decisions/085, part three). Each file still opens its own
            // copy of the seeded database and builds its own app over it.
            isolate: false,
            globalSetup: ['./tests/global-setup.ts'],
            setupFiles: ['./tests/setup-server.ts'],
            include: ['tests/contract/**/*.test.ts', 'tests/server/**/*.test.ts'],
            exclude: SERVER_ALONE,
            // Each file opens its own copy of the seeded PGlite (and its own PostgreSQL database): files run side by side.
            testTimeout: 60000,
            hookTimeout: 120000,
          },
        },
        {
          extends: true,
          test: {
            name: 'server-alone',
            environment: 'node',
            isolate: true,
            globalSetup: ['./tests/global-setup.ts'],
            setupFiles: ['./tests/setup-server.ts'],
            include: SERVER_ALONE,
            testTimeout: 60000,
            hookTimeout: 120000,
          },
        },
      ],
    },
  }
})
