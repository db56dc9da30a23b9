import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'

/**
 * zod 4's classic schemas carry their JSON-Schema generation (`toJSONSchema`, the per-type processors) into
 * every bundle, ~17 kB minified of the SPA's first-page JavaScript. The browser never generates JSON Schema
 * (the server does, for its OpenAPI document, from its own bundle). In the SPA's build those two modules are
 * replaced by stubs with the same exports that throw if ever called (decision 54). A zod release that renames
 * an export breaks the build loudly rather than the page.
 */
const STUBBED = [/[\\/]zod[\\/]v4[\\/]core[\\/]to-json-schema\.js$/, /[\\/]zod[\\/]v4[\\/]core[\\/]json-schema-processors\.js$/]

/** The names a module exports (function, const, class declarations and export lists). */
export function exportedNames(source: string): string[] {
  const names = new Set<string>()
  for (const m of source.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]!)
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim()
      if (name) names.add(name)
    }
  }
  return [...names]
}

export function zodWithoutJsonSchema(): Plugin {
  return {
    name: 'zod-without-json-schema',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (this.environment?.config.consumer === 'server' || !STUBBED.some((re) => re.test(id))) return null
      const names = exportedNames(readFileSync(id, 'utf8'))
      const body = names.map((name) => `export const ${name} = unavailable`).join('\n')
      return `function unavailable() { throw new Error('JSON Schema is generated on the server only') }\n${body}\n`
    },
  }
}
