import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * Lint enforces the layers (docs/architecture.md): the repository's own eslint.config.js, run on fixtures laid
 * out like the repository (tests/lint-fixtures/), reports each broken rule where it must and nothing on the
 * clean files. The zones there are the very same, rooted at the fixtures' folder (`layerZones`).
 */
const root = fileURLToPath(new URL('../..', import.meta.url))
const FIXTURES = 'tests/lint-fixtures'

/** `npm run lint` leaves the fixtures alone; here they are linted on purpose. */
const lint = (ignore: boolean) => new ESLint({ cwd: root, overrideConfigFile: 'eslint.config.js', ignore })

describe('lint rules on the layer fixtures', () => {
  it('reports a cycle, a feature reaching into another, src → server and server → mocks; nothing else', async () => {
    const results = await lint(false).lintFiles([FIXTURES])
    const reported = Object.fromEntries(
      results.map((result) => [
        relative(`${root}${FIXTURES}`, result.filePath),
        result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`).sort(),
      ]),
    )
    expect(reported).toEqual({
      'src/lib/cycle-one.ts': ['import-x/no-cycle'],
      'src/lib/cycle-two.ts': ['import-x/no-cycle'],
      'src/lib/clean.ts': [],
      'src/features/a/bad-cross-feature.ts': ['import-x/no-restricted-paths'],
      'src/features/a/good.ts': [],
      'src/features/b/thing.ts': [],
      'src/app/bad-imports-server.ts': ['import-x/no-restricted-paths'],
      'server/handler.ts': [],
      'server/bad-imports-mocks.ts': ['import-x/no-restricted-paths'],
      'mocks/store.ts': [],
      // The mocks may hand a request to the server's app.
      'mocks/forward.ts': [],
    })
    // Each zone speaks for itself: the message names the rule that was broken.
    const message = (file: string) => results.find((r) => r.filePath.endsWith(file))?.messages[0]?.message
    expect(message('bad-cross-feature.ts')).toContain('A feature does not reach into another feature')
    expect(message('bad-imports-server.ts')).toContain('The app does not import the server')
    expect(message('bad-imports-mocks.ts')).toContain('The server does not import the mocks')
  })

  it('leaves the fixtures out of the ordinary lint run', async () => {
    expect(await lint(true).isPathIgnored(`${FIXTURES}/src/lib/cycle-one.ts`)).toBe(true)
  })
})
