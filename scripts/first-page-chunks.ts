/**
 * How the SPA's code is cut into files, so that the first page costs few requests (decision 55).
 *
 * Left to itself the bundler gives every module shared by two pages its own small file: the overview loaded
 * 24 files, and on a phone's connection each costs a round trip (Lighthouse's simulation put the first paint
 * 0.4 s later than with 5). Instead:
 * - `boot`: everything the entry imports statically (the router, TanStack Query, the layout, the session and
 *   calendar code) — all of it runs before any page shows — in three files, each run in a task of its own
 *   by a drawn page (public/after-first-paint.js): `boot-react` (React), `boot-contract` (the API's zod
 *   schemas and what they import; decision 87) and `boot` (the rest).
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
  let plan: { boot: Set<string>; contract: Set<string>; common: Set<string> } | null = null
  const planFor = (graph: ModuleGraph) => {
    const boot = staticClosure(graph, options.entry)
    const contract = new Set<string>()
    for (const id of boot) if (CONTRACT_MODULE.test(id)) for (const needed of staticClosure(graph, id)) contract.add(needed)
    const home = staticClosure(graph, options.home)
    const others = new Set<string>()
    for (const page of graph.dynamicallyImportedIds(options.router)) {
      if (page !== options.home) for (const id of staticClosure(graph, page)) others.add(id)
    }
    const common = new Set([...home].filter((id) => id !== options.home && others.has(id) && !boot.has(id)))
    return { boot, contract, common }
  }
  return (id: string, graph: ModuleGraph): 'boot' | 'boot-react' | 'boot-contract' | 'common' | null => {
    // Styles stay with the entry (the page's <link> comes from it); only script modules are grouped.
    if (!/\.(m?[jt]sx?|c?js)$/.test(id.split('?')[0]!)) return null
    plan ??= planFor(graph)
    if (plan.boot.has(id) && id !== options.entry) {
      if (REACT_MODULE.test(id)) return 'boot-react'
      return plan.contract.has(id) ? 'boot-contract' : 'boot'
    }
    if (plan.common.has(id)) return 'common'
    return null
  }
}
