let collator: Intl.Collator | undefined
/**
 * Chinese sort order (pinyin) for names and units. The collator is made at the first comparison, not when
 * the module loads: making it loads ICU's pinyin tables, ~35 ms on a 4×-slowed phone, which had run in the
 * same task as the page's code when a drawn page started (decision 87).
 */
export const compareZh = (a: string, b: string) => (collator ??= new Intl.Collator('zh-CN', { numeric: true })).compare(a, b)
