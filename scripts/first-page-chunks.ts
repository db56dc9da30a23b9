/**
 * How the SPA's code is cut into files, so that the first page costs few requests (decision 55).
 *
 * Left to itself the bundler gives every module shared by two pages its own small file: the overview loaded
 * 24 files, and on a phone's connection each costs a round trip (Lighthouse's simulation put the first paint
 * 0.4 s later than with 5). Instead:
 * - `boot`: everything the entry imports statically (the router, TanStack Query, the layout, the session and
 *   calendar code) — all of it runs before any page shows — in several files, each run in a task of its own
 *   by a drawn page (public/after-first-paint.js): `boot-react` (React), the API's zod schemas and what they
 *   import in three (`boot-contract`, `boot-contract-project`, `boot-contract-api`; decisions 87 and 88) and
 *   `boot` (the rest).
 * - `common`: what the home page (the overview) shares with any other page, minus boot: one file that every
 *   page needing a part of it loads whole. The overview then needs boot + common + its own chunk.
 * - everything else (a page's own code, the charts, the mock API) is split as the bundler decides.
 * Dynamic imports stay dynamic: a page's code never moves into boot.
 */

/** React and its DOM renderer: the largest part of boot, in a file of its own so that it runs in a task of its own. */
const REACT_MODULE = /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/
/**
 * The API's contract (its zod schemas, built when the file runs: about half of boot's running time) and
 * everything it imports, also in a file and a task of its own: a 4×-slowed phone spent ~120 ms in one task
 * running boot whole, a long task that counted in full towards Lighthouse's total blocking time.
 */
const CONTRACT_MODULE = /[\\/]src[\\/]contract[\\/]/
/**
 * The contract's two largest modules, each with what imports it, in a file after the rest of the contract's
 * (zod, the vocabulary, the calendar, …): building the schemas the entry keeps is still ~60–75 ms on a
 * 4×-slowed phone, and in three files no task of it reaches 50 ms (decision 88). A module that imports
 * `api.ts` goes with it, one that imports only `project.ts` with that: a file never imports a later one.
 */
const LATER_CONTRACT_FILES = [
  { chunk: 'boot-contract-project', module: /[\\/]src[\\/]contract[\\/]project\.ts$/ },
  { chunk: 'boot-contract-api', module: /[\\/]src[\\/]contract[\\/]api\.ts$/ },
] as const
type ContractChunk = 'boot-contract' | (typeof LATER_CONTRACT_FILES)[number]['chunk']

export type ModuleGraph = {
  importedIds(id: string): readonly string[]
  dynamicallyImportedIds(id: string): readonly string[]
}

export type FirstPageChunkOptions = {
  /** The app's entry module (src/main.tsx). */
  entry: string
  /** The module whose dynamic imports are the pages (src/app/router.tsx). */
  router: string
  /** The home page's route module (src/app/routes/overview.tsx). */
  home: string
}

/** Every module reachable from `start` by static imports, `start` included. */
export function staticClosure(graph: ModuleGraph, start: string): Set<string> {
  const seen = new Set<string>()
  const stack = [start]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    stack.push(...graph.importedIds(id))
  }
  return seen
}

/** The chunk a module goes to: 'boot', 'common', or null (the bundler's own splitting). */
export function firstPageChunkNamer(options: FirstPageChunkOptions) {
  let plan: { boot: Set<string>; contract: Map<string, ContractChunk>; common: Set<string> } | null = null
  const planFor = (graph: ModuleGraph) => {
    const boot = staticClosure(graph, options.entry)
    const contract = new Map<string, ContractChunk>()
    for (const id of boot) {
      if (!CONTRACT_MODULE.test(id)) continue
      for (const needed of staticClosure(graph, id)) {
        if (contract.has(needed)) continue
        const closure = [...staticClosure(graph, needed)]
        const later = LATER_CONTRACT_FILES.findLast((file) => closure.some((m) => file.module.test(m)))
        contract.set(needed, later?.chunk ?? 'boot-contract')
      }
    }
    const home = staticClosure(graph, options.home)
    const others = new Set<string>()
    for (const page of graph.dynamicallyImportedIds(options.router)) {
      if (page !== options.home) for (const id of staticClosure(graph, page)) others.add(id)
    }
    const common = new Set([...home].filter((id) => id !== options.home && others.has(id) && !boot.has(id)))
    return { boot, contract, common }
  }
  return (id: string, graph: ModuleGraph): 'boot' | 'boot-react' | ContractChunk | 'common' | null => {
    // Styles stay with the entry (the page's <link> comes from it); only script modules are grouped.
    if (!/\.(m?[jt]sx?|c?js)$/.test(id.split('?')[0]!)) return null
    plan ??= planFor(graph)
    if (plan.boot.has(id) && id !== options.entry) {
      if (REACT_MODULE.test(id)) return 'boot-react'
      return plan.contract.get(id) ?? 'boot'
    }
    if (plan.common.has(id)) return 'common'
    return null
  }
}
