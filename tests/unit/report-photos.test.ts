import { describe, expect, it } from 'vitest'
import { captureInstant, earliestTimelyDate, isTakenEarly, photoChangeProblem, sniffImage } from '@/domain/report-photos'

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((ch) => ch.charCodeAt(0)) : p)))

describe('拍摄时间较早: taken before the first day of the report’s month minus 45 days', () => {
  it('counts 45 calendar days back from the month’s first day', () => {
    // 1 October − 45 days: September has 30, so 15 days into August before it: 17 August.
    expect(earliestTimelyDate(2024, 10)).toBe('2024-08-17')
    // 1 March 2024 − 45 days: February 2024 has 29 days, January 16 more: 16 January.
    expect(earliestTimelyDate(2024, 3)).toBe('2024-01-16')
    // 1 January 2025 − 45 days crosses the year: 30 November + 17 days of December → 17 November 2024.
    expect(earliestTimelyDate(2025, 1)).toBe('2024-11-17')
  })

  it('judges the capture date in China: 16 August 23:59 (China) is early for October, 17 August 00:00 is not', () => {
    expect(isTakenEarly('2024-08-16T15:59:00.000Z', 2024, 10)).toBe(true) // 23:59 on the 16th in China
    expect(isTakenEarly('2024-08-16T16:00:00.000Z', 2024, 10)).toBe(false) // 00:00 on the 17th in China
    expect(isTakenEarly(new Date('2024-10-31T10:00:00Z'), 2024, 10)).toBe(false)
    // A photo taken after its month (a late upload of November's photo to October) is not early.
    expect(isTakenEarly('2024-11-05T00:00:00Z', 2024, 10)).toBe(false)
  })

  it('does not mark a photo whose file carries no capture time', () => {
    expect(isTakenEarly(null, 2024, 10)).toBe(false)
    expect(isTakenEarly('not a date', 2024, 10)).toBe(false)
  })
})

describe('the capture instant from EXIF’s wall-clock time', () => {
  // exif-reader hands 2024:10:15 10:20:30 as 2024-10-15T10:20:30Z.
  const wall = new Date('2024-10-15T10:20:30Z')
  it('applies OffsetTimeOriginal when the file has it, else takes China time (+08:00)', () => {
    expect(captureInstant(wall, '+08:00')?.toISOString()).toBe('2024-10-15T02:20:30.000Z')
    expect(captureInstant(wall, '-05:00')?.toISOString()).toBe('2024-10-15T15:20:30.000Z')
    expect(captureInstant(wall, null)?.toISOString()).toBe('2024-10-15T02:20:30.000Z')
    expect(captureInstant(wall, 'garbage')?.toISOString()).toBe('2024-10-15T02:20:30.000Z')
  })
  it('says nothing for a camera whose clock was never set, or no time at all', () => {
    expect(captureInstant(new Date('1970-01-01T00:00:00Z'), null)).toBeNull()
    expect(captureInstant(null, '+08:00')).toBeNull()
    expect(captureInstant(new Date(Number.NaN), null)).toBeNull()
  })
})

describe('what an upload is, from its first bytes', () => {
  it('takes JPEG, PNG and WebP by their signatures', () => {
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe1], [0, 0, 0, 0, 0, 0, 0, 0]))).toEqual({ ok: true, type: 'image/jpeg' })
    expect(sniffImage(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13]))).toEqual({ ok: true, type: 'image/png' })
    expect(sniffImage(bytes('RIFF', [0x24, 0, 0, 0], 'WEBP'))).toEqual({ ok: true, type: 'image/webp' })
  })

  it('refuses HEIC (an iPhone’s default) saying to convert it to JPG, GIF, and anything else saying what to send', () => {
    const heic = sniffImage(bytes([0, 0, 0, 0x18], 'ftypheic'))
    expect(heic.ok).toBe(false)
    expect(!heic.ok && heic.message).toMatch(/请将 HEIC 照片转为 JPG 后上传/)
    expect(sniffImage(bytes([0, 0, 0, 0x1c], 'ftypmif1')).ok).toBe(false)
    expect(!sniffImage(bytes('GIF89a', [0, 0, 0, 0, 0, 0])).ok && (sniffImage(bytes('GIF89a', [0, 0, 0, 0, 0, 0])) as { message: string }).message).toMatch(/GIF/)
    const text = sniffImage(bytes('just some text'))
    expect(!text.ok && text.message).toMatch(/不是可识别的图片.*请上传 JPG、PNG 或 WebP 格式的照片/)
    // RIFF that is not WebP (a WAV file) is not an image.
    expect(sniffImage(bytes('RIFF', [0, 0, 0, 0], 'WAVE')).ok).toBe(false)
    expect(sniffImage(new Uint8Array(0)).ok).toBe(false)
  })
})

describe('when a report’s photos may change', () => {
  it('a draft, a returned report, or none yet (adding starts a draft)', () => {
    for (const status of ['draft', 'returned', null] as const) expect(photoChangeProblem('add', status, 0)).toBeNull()
    expect(photoChangeProblem('delete', 'returned', 3)).toBeNull()
  })
  it('not a submitted or approved one (409)', () => {
    expect(photoChangeProblem('add', 'approved', 2)).toMatchObject({ status: 409, message: '该月月报已审核通过，照片不能再添加' })
    expect(photoChangeProblem('delete', 'submitted', 2)).toMatchObject({ status: 409, message: '该月月报已提交，正在审核，照片不能再删除（如需修改，请联系发改委退回）' })
  })
  it('nine at most: the tenth is refused (422); deleting the ninth is fine', () => {
    expect(photoChangeProblem('add', 'draft', 8)).toBeNull()
    expect(photoChangeProblem('add', 'draft', 9)).toMatchObject({ status: 422, code: 'too_many_photos' })
    expect(photoChangeProblem('delete', 'draft', 9)).toBeNull()
  })
})
