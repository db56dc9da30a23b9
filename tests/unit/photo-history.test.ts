import { describe, expect, it } from 'vitest'
import { PROJECT_FIELD_LABELS, projectValueText } from '@/domain/monthly-report'

describe('修改记录: a photo added or deleted reads as its caption', () => {
  it('names the photo by its 图片说明, not by its record of ids and files', () => {
    const photo = { id: '38388a4e-5e36-4f16-86e6-1c36c3514f98', caption: '一号楼主体结构施工至第七层', takenAt: '2024-10-29T03:20:00.000Z', file: 'ab'.repeat(32), thumbFile: 'cd'.repeat(32) }
    expect(PROJECT_FIELD_LABELS.photos).toBe('形象进度照片')
    expect(projectValueText('photos', photo)).toBe('照片「一号楼主体结构施工至第七层」')
    // Added: nothing before it; deleted: nothing after it.
    expect(projectValueText('photos', null)).toBe('—')
  })
})
