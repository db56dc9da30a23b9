import { firstPageChunkNamer, type ModuleGraph } from '../../scripts/first-page-chunks'

/** A small app: main → router (→ pages, dynamically); main → layout → format; pages share parts. */
const imports: Record<string, string[]> = {
  '/app/main.tsx': ['/app/router.tsx', '/app/layout.tsx', '/app/styles.css'],
  '/app/router.tsx': ['/node_modules/react-router/index.mjs', '/src/contract/index.ts'],
  '/src/contract/index.ts': ['/src/contract/api.ts', '/src/contract/project.ts', '/src/contract/vocabulary.ts', '/node_modules/zod/index.js'],
  '/src/contract/api.ts': ['/src/contract/project.ts', '/src/contract/vocabulary.ts', '/node_modules/zod/index.js'],
  '/src/contract/project.ts': ['/src/contract/vocabulary.ts', '/src/domain/money.ts', '/node_modules/zod/index.js'],
  '/src/contract/vocabulary.ts': ['/node_modules/zod/index.js'],
  '/app/layout.tsx': ['/app/format.ts', '/node_modules/react/index.js', '/node_modules/react-dom/client.js'],
  '/node_modules/react-dom/client.js': ['/node_modules/scheduler/index.js'],
  '/app/routes/overview.tsx': ['/app/kpi-card.tsx', '/app/page-header.tsx', '/app/format.ts', '/app/overview-only.tsx'],
  '/app/routes/zones.tsx': ['/app/page-header.tsx', '/app/zone-table.tsx'],
  '/app/routes/projects.tsx': ['/app/kpi-card.tsx', '/app/project-browser.tsx'],
  '/app/routes/delayed.tsx': ['/app/project-browser.tsx'],
  '/app/overview-only.tsx': ['/app/charts-loader.ts'],
}
const dynamicImports: Record<string, string[]> = {
  '/app/router.tsx': ['/app/routes/overview.tsx', '/app/routes/zones.tsx', '/app/routes/projects.tsx', '/app/routes/delayed.tsx'],
  '/app/charts-loader.ts': ['/app/charts.tsx'],
}
const graph: ModuleGraph = { importedIds: (id) => imports[id] ?? [], dynamicallyImportedIds: (id) => dynamicImports[id] ?? [] }
const chunkFor = firstPageChunkNamer({ entry: '/app/main.tsx', router: '/app/router.tsx', home: '/app/routes/overview.tsx' })

describe('the first page in few files', () => {
  it('puts everything the entry imports statically into boot, libraries included, but not the entry itself', () => {
    for (const id of ['/app/router.tsx', '/app/layout.tsx', '/app/format.ts', '/node_modules/react-router/index.mjs']) {
      expect(chunkFor(id, graph)).toBe('boot')
    }
    expect(chunkFor('/app/main.tsx', graph)).toBeNull()
  })

  it('gives React and its DOM renderer a boot file of their own, which a drawn page runs in a task of its own', () => {
    for (const id of ['/node_modules/react/index.js', '/node_modules/react-dom/client.js', '/node_modules/scheduler/index.js']) expect(chunkFor(id, graph), id).toBe('boot-react')
    expect(chunkFor('/node_modules/react-router/index.mjs', graph)).toBe('boot')
  })

  it('gives the contract and everything it imports boot files of their own, so its schemas are built in tasks of their own', () => {
    for (const id of ['/src/contract/vocabulary.ts', '/src/domain/money.ts', '/node_modules/zod/index.js']) {
      expect(chunkFor(id, graph), id).toBe('boot-contract')
    }
    // What imports the contract stays in boot: the contract's file never needs boot's.
    expect(chunkFor('/app/router.tsx', graph)).toBe('boot')
  })

  it('builds the project records’ schemas and the API’s in two later files, each with what imports it, so no file imports a later one', () => {
    expect(chunkFor('/src/contract/project.ts', graph)).toBe('boot-contract-project')
    expect(chunkFor('/src/contract/api.ts', graph)).toBe('boot-contract-api')
    // index.ts imports api.ts: in the earlier file, evaluating it would pull the later ones into its task.
    expect(chunkFor('/src/contract/index.ts', graph)).toBe('boot-contract-api')
  })

  it('puts what the home page shares with another page into common, and leaves what boot has there', () => {
    expect(chunkFor('/app/kpi-card.tsx', graph)).toBe('common')
    expect(chunkFor('/app/page-header.tsx', graph)).toBe('common')
    expect(chunkFor('/app/format.ts', graph)).toBe('boot')
  })

  it('leaves pages, what only one page uses, what other pages share without the home page, and lazy code to the bundler', () => {
    for (const id of ['/app/routes/overview.tsx', '/app/routes/zones.tsx', '/app/overview-only.tsx', '/app/zone-table.tsx', '/app/project-browser.tsx', '/app/charts.tsx']) {
      expect(chunkFor(id, graph)).toBeNull()
    }
  })

  it('never moves a style sheet: the page links it from the entry', () => {
    expect(chunkFor('/app/styles.css', graph)).toBeNull()
  })
})
