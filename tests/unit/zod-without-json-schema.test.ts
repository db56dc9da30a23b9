import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { exportedNames } from '../../scripts/zod-without-json-schema'

// The SPA's build replaces zod's JSON-Schema modules by stubs with the same exports: every name the real
// module exports must be there, or a zod upgrade would break the build (or, worse, an import at run time).

describe('the stubs of zod’s JSON-Schema modules', () => {
  for (const file of ['to-json-schema.js', 'json-schema-processors.js']) {
    it(`export every name ${file} exports`, async () => {
      const path = join(process.cwd(), 'node_modules/zod/v4/core', file)
      const real = Object.keys(await import(/* @vite-ignore */ path)).sort()
      expect(real.length).toBeGreaterThan(3)
      expect(exportedNames(readFileSync(path, 'utf8')).sort()).toEqual(real)
    })
  }

  it('reads declarations and export lists, renamed ones by their public name', () => {
    expect(exportedNames('export function a() {}\nexport const b = 1\nexport class C {}\nexport { d as e, f }\nconst g = 1').sort()).toEqual(['C', 'a', 'b', 'e', 'f'])
  })
})
