import { describe, expect, it } from 'vitest'
import { approvalFileChanges, approvalFileName, approvalFileText, fileSizeText, sniffPdf } from '@/domain/approval-files'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('an approval’s PDF is recognised by its first bytes', () => {
  it('takes a file that starts with %PDF-, whatever follows', () => {
    expect(sniffPdf(bytes('%PDF-1.7\n%âãÏÓ'))).toEqual({ ok: true })
    expect(sniffPdf(bytes('%PDF-'))).toEqual({ ok: true })
  })

  it('refuses an image named .pdf, saying it is an image; anything else, saying it is not a PDF; an empty file, saying so', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1])
    for (const image of [png, jpeg]) expect(sniffPdf(image)).toMatchObject({ ok: false, message: expect.stringMatching(/^该文件是图片，不是 PDF/) as unknown })
    // A PDF's header a few bytes in is not at the start: refused (the rule is the start).
    expect(sniffPdf(bytes(' %PDF-1.4'))).toMatchObject({ ok: false, message: expect.stringMatching(/^该文件不是 PDF/) as unknown })
    expect(sniffPdf(bytes('%PDF'))).toMatchObject({ ok: false })
    expect(sniffPdf(new Uint8Array(0))).toMatchObject({ ok: false, message: expect.stringMatching(/^文件为空/) as unknown })
  })
})

describe('the name it is served under and how the log names it', () => {
  it('is 项目编号-手续名.pdf, with characters no file name may hold replaced', () => {
    expect(approvalFileName('P001', '施工许可')).toBe('P001-施工许可.pdf')
    expect(approvalFileName('P012', '立项（可研）批复')).toBe('P012-立项（可研）批复.pdf')
    expect(approvalFileName('P003', '水保/能评 "专项"')).toBe('P003-水保_能评 _专项_.pdf')
  })

  it('sizes in KB under 1 MB (at least 1 KB), else MB to one decimal', () => {
    expect(fileSizeText(300)).toBe('1 KB')
    expect(fileSizeText(850 * 1024)).toBe('850 KB')
    // 1.25 MB = 1,310,720 bytes → 1.3 MB (toFixed rounds half up here: 1.25 is exact in binary).
    expect(fileSizeText(1_310_720)).toBe('1.3 MB')
    expect(fileSizeText(20 * 1024 * 1024)).toBe('20.0 MB')
  })

  it('names the file attached, replaced or removed under 手续名·批复文件, and nothing when it is the same file', () => {
    const a = { id: 'a'.repeat(64), size: 2 * 1024 * 1024 }
    const b = { id: 'b'.repeat(64), size: 512 * 1024 }
    expect(approvalFileText(a)).toBe(`PDF 2.0 MB（sha256:${'a'.repeat(64)}）`)
    expect(approvalFileChanges('施工许可', null, a)).toEqual([{ field: '施工许可·批复文件', before: null, after: approvalFileText(a) }])
    expect(approvalFileChanges('施工许可', a, b)).toEqual([{ field: '施工许可·批复文件', before: approvalFileText(a), after: 'PDF 512 KB（sha256:' + 'b'.repeat(64) + '）' }])
    expect(approvalFileChanges('施工许可', b, null)).toEqual([{ field: '施工许可·批复文件', before: approvalFileText(b), after: null }])
    expect(approvalFileChanges('施工许可', a, a)).toEqual([])
  })
})
