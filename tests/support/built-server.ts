import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'

/**
 * The server and its `user:add` command bundled the way `npm run build` bundles the server (`vite build --ssr`,
 * the same config), for a test file that runs them as processes. Node starts the bundle in a fraction of the
 * time `node --import tsx` takes to load the sources, and a test that spawns the server twenty times pays the
 * bundling (a second or two) once. The folder is inside the repository, so the bundle finds node_modules and,
 * from the working directory, the migrations and the sheet worker, as dist-server/ does.
 */
export async function buildServer(root: string): Promise<{ main: string; userAdd: string; remove: () => void }> {
  const parent = join(root, 'node_modules', '.cache', 'nanan-tests')
  mkdirSync(parent, { recursive: true })
  const outDir = mkdtempSync(join(parent, 'server-'))
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: { main: join(root, 'server/main.ts'), 'user-add': join(root, 'server/cli/user-add.ts') } },
    },
  })
  return { main: join(outDir, 'main.js'), userAdd: join(outDir, 'user-add.js'), remove: () => rmSync(outDir, { recursive: true, force: true }) }
}
