import { toCsv } from '@/lib/csv'

describe('CSV for spreadsheets', () => {
  it('starts with a byte-order mark and ends rows with CRLF', () => {
    expect(toCsv([['a', 1]])).toBe('\uFEFFa,1\r\n')
  })

  it('quotes commas, quotes and line breaks', () => {
    expect(toCsv([['甲,乙', '说"明"', '两\n行']])).toBe('\uFEFF"甲,乙","说""明""","两\n行"\r\n')
  })

  it('defuses text a spreadsheet would run as a formula, but keeps negative numbers', () => {
    expect(toCsv([['=HYPERLINK("x")', '@SUM(A1)', '-2', -6.97, null]])).toBe(`\uFEFF"'=HYPERLINK(""x"")",'@SUM(A1),'-2,-6.97,\r\n`)
  })
})
