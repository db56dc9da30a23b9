// Its own module: a long text the first page does not need (first-page JavaScript budget).
/** What the report says of the investment types, and what is derived (shown under every 按投资类别 table of the 2024 plan). */
export const INVESTMENT_TYPE_NOTE =
  '报告将124个项目分为政府投资77个（约124.4亿元）、社会投资46个（约85.7亿元）、政社共同投资1个（约1亿元）。其余8个项目的65.98亿元是用报告总数相减推算的（277.08−211.1），报告未细分其投资类别。'
