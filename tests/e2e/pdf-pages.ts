import { inflateSync } from 'node:zlib'

/**
 * The text of each page of a PDF printed by Chromium (Skia), read without a PDF library: every page's content
 * stream, its fonts' ToUnicode maps, and the glyph codes drawn with each (`<…> Tj`, `[<…> …] TJ`). Enough to find
 * what a printed page says (a 文号, 第 1 页 共 5 页); spacing between runs is not kept, so compare without spaces.
 */
export function pdfPages(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1')
  const objects = new Map<number, { dict: string; stream: Buffer | null }>()
  for (const match of raw.matchAll(/(\d+) 0 obj\s*/g)) {
    const start = match.index + match[0].length
    const end = raw.indexOf('endobj', start)
    const body = raw.slice(start, end)
    const streamAt = body.search(/stream\r?\n/)
    let stream: Buffer | null = null
    if (streamAt >= 0) {
      const from = start + streamAt + body.slice(streamAt).match(/stream\r?\n/)![0].length
      const to = raw.indexOf('endstream', from)
      try {
        stream = inflateSync(pdf.subarray(from, to))
      } catch {
        stream = null
      }
    }
    objects.set(Number(match[1]), { dict: streamAt >= 0 ? body.slice(0, streamAt) : body, stream })
  }
  const cmaps = new Map<number, Map<number, string>>()
  const cmapOf = (fontObject: number) => {
    if (cmaps.has(fontObject)) return cmaps.get(fontObject)!
    const map = new Map<number, string>()
    const ref = objects.get(fontObject)?.dict.match(/\/ToUnicode (\d+) 0 R/)
    const text = ref ? objects.get(Number(ref[1]))?.stream?.toString('latin1') ?? '' : ''
    const unicode = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)))
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const [, code, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(code!, 16), unicode(to!))
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const [, from, to, first] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const base = parseInt(first!, 16)
        for (let code = parseInt(from!, 16); code <= parseInt(to!, 16); code++) map.set(code, String.fromCodePoint(base + code - parseInt(from!, 16)))
      }
    cmaps.set(fontObject, map)
    return map
  }
  // The pages in order: the page tree's leaves, from its root down. Skia groups more than eight pages under
  // intermediate /Pages nodes, so a long document's tree has several levels.
  const isPages = (dict: string) => /\/Type \/Pages\b/.test(dict)
  const root = [...objects.entries()].find(([, o]) => isPages(o.dict) && /\/Kids/.test(o.dict) && !/\/Parent\b/.test(o.dict))
  const leaves = (id: number): number[] => {
    const dict = objects.get(id)?.dict ?? ''
    if (!isPages(dict)) return [id]
    return [...(dict.match(/\/Kids \[([^\]]*)\]/)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].flatMap((m) => leaves(Number(m[1])))
  }
  const kids = root ? leaves(root[0]) : []
  return kids.map((kid) => {
    const page = objects.get(kid)!.dict
    const fonts = new Map([...(page.match(/\/Font <<([^>]*)>>/)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)].map((m) => [m[1]!, Number(m[2])]))
    const contents = [...(page.match(/\/Contents (?:\[([^\]]*)\]|(\d+ 0 R))/)?.slice(1).join(' ') ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]))
    let text = ''
    for (const content of contents) {
      const ops = objects.get(content)?.stream?.toString('latin1') ?? ''
      let font = 0
      let width = 2
      // A glyph drawn for a character the font has not (a CJK form) carries the character as ActualText.
      let actual: string | null = null
      for (const token of ops.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\/ActualText <FEFF([0-9A-Fa-f]*)>|\bEMC\b/g)) {
        if (token[4] !== undefined) {
          actual = String.fromCodePoint(...(token[4].match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)))
          text += actual
          continue
        }
        if (token[0] === 'EMC') {
          actual = null
          continue
        }
        if (token[1] !== undefined) {
          font = fonts.get(token[1]) ?? 0
          width = /\/Subtype \/Type0/.test(objects.get(font)?.dict ?? '') ? 4 : 2
          continue
        }
        if (actual !== null) continue
        const hexes = token[2] !== undefined ? [...token[2].matchAll(/<([0-9A-Fa-f]*)>/g)].map((m) => m[1]!) : [token[3]!]
        const map = cmapOf(font)
        for (const hex of hexes) for (const code of hex.match(new RegExp(`.{${width}}`, 'g')) ?? []) text += map.get(parseInt(code, 16)) ?? ''
      }
    }
    return text
  })
}
