import { compareZh } from '@/domain/zh-order'

describe('zh-CN order for names and units', () => {
  it('sorts by pinyin, numbers by their value, and holds equal names equal', () => {
    expect(['广阳岛', '南坪', '茶园'].sort(compareZh)).toEqual(['茶园', '广阳岛', '南坪'])
    expect(['项目10', '项目9', '项目1'].sort(compareZh)).toEqual(['项目1', '项目9', '项目10'])
    expect(compareZh('南岸区', '南岸区')).toBe(0)
  })
})
