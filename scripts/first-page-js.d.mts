export declare function firstPageJs(dir?: string): {
  entries: string[]
  files: { file: string; gzip: number; brotli: number }[]
  gzip: number
  brotli: number
}
