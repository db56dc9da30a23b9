import type { InvestmentType } from '@/contract'

/**
 * The source report's plan figures (FACTS.md §1), typed in by hand (亿元 × 10,000 = 万元), not taken from
 * the code under test. The dataset's records must reconcile with them exactly (tests/unit/dataset.test.ts),
 * and so must the server's answers over the seeded dataset (tests/server/report-figures.test.ts).
 */
export const FACTS = {
  projectCount: 132,
  totalInvestmentWan: 23_910_000, // 约 2391 亿元
  annualPlanWan: 2_770_800, // 约 277.08 亿元
  byInvestmentType: {
    government: { projects: 77, annualPlanWan: 1_244_000 }, // 124.4 亿元
    social: { projects: 46, annualPlanWan: 857_000 }, // 85.7 亿元
    joint: { projects: 1, annualPlanWan: 10_000 }, // 1 亿元
    unclassified: { projects: 8, annualPlanWan: 659_800 }, // 277.08 − 211.1 = 65.98 亿元
  } satisfies Record<InvestmentType, { projects: number; annualPlanWan: number }>,
}
