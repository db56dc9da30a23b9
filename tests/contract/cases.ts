import { generateDataset } from '@/dataset/generate'
import { PROJECT_SORT_KEYS } from '@/contract'

/** One request and the status every implementation must answer with. */
export type ContractCase = { name: string; path: string; status: number; method?: string }

const records = generateDataset()
const someOwner = records[40]!.ownerUnit
const someDept = records[7]!.responsibleUnit
const enc = encodeURIComponent

const ok = (name: string, path: string): ContractCase => ({ name, path, status: 200 })
const bad = (name: string, path: string, status = 400, method?: string): ContractCase => ({ name, path, status, method })

export const CONTRACT_CASES: ContractCase[] = [
  // Summary and zones at several months.
  ok('summary, default month', '/api/summary'),
  ...[1, 2, 6, 9].map((m) => ok(`summary at month ${m}`, `/api/summary?asOf=2024-0${m}`)),
  ok('zone cards', '/api/zones'),
  ok('zone cards at 1月', '/api/zones?asOf=2024-01'),
  ok('zone page', '/api/zones/nanping'),
  ok('zone page, bucket zone, 5月', '/api/zones/district-wide?asOf=2024-05'),
  ok('zone page, 广阳岛, 1月', '/api/zones/gy-island?asOf=2024-01'),
  ok('filter options', '/api/filter-options'),
  // Will the year land (decision 75): the district and its zones, one zone, early and late in the year.
  ok('forecast, default month', '/api/forecast'),
  ...[1, 6, 9].map((m) => ok(`forecast at month ${m}`, `/api/forecast?asOf=2024-0${m}`)),
  ok('forecast of one zone', '/api/forecast?asOf=2024-06&zone=gy-bay'),
  ok('forecast of the bucket zone', '/api/forecast?zone=district-wide'),
  ok('forecast at December, nothing approved yet', '/api/forecast?asOf=2024-12'),
  // The list: each filter, each sort both ways, paging.
  ok('list, default', '/api/projects'),
  ok('list by zone', '/api/projects?zone=gy-bay'),
  ok('list by focus area', '/api/projects?focusArea=livelihood'),
  ok('list by investment type', '/api/projects?investmentType=unclassified'),
  ok('list by stage', '/api/projects?stage=new-start&asOf=2024-04'),
  ok('list by status list', '/api/projects?status=lagging,severe,not-started,not-reported&sort=shortfall&order=desc'),
  ok('list by one status', '/api/projects?status=completed'),
  ok('list by owner unit', `/api/projects?owner=${enc(someOwner)}`),
  ok('list by responsible unit', `/api/projects?dept=${enc(someDept)}`),
  ok('search', `/api/projects?q=${enc('轨道')}`),
  ok('search is width- and case-folded', `/api/projects?q=${enc('ｐ04')}`),
  ok('search with full-width brackets', `/api/projects?q=${enc('（二期）')}`),
  ok('search with LIKE wildcards is literal', `/api/projects?q=${enc('%_')}`),
  ok('search with SQL fragment', `/api/projects?q=${enc("' or 1=1 --")}`),
  ok('search with script fragment', `/api/projects?q=${enc('<script>alert(1)</script>')}`),
  ok('blank search', `/api/projects?q=${enc('   ')}`),
  ...PROJECT_SORT_KEYS.flatMap((sort) => [
    ok(`sort by ${sort} asc`, `/api/projects?sort=${sort}&order=asc&pageSize=200`),
    ok(`sort by ${sort} desc`, `/api/projects?sort=${sort}&order=desc&pageSize=200`),
  ]),
  ok('page 2 of 7', '/api/projects?pageSize=7&page=2'),
  ok('page past the end is clamped', '/api/projects?page=999'),
  ok('combined filters', `/api/projects?zone=district-wide&stage=continuing&sort=gap&order=asc&asOf=2024-07`),
  ok('empty result', `/api/projects?zone=gy-island&investmentType=unclassified`),
  ok('project detail', '/api/projects/P001'),
  ok('project detail at 2月', '/api/projects/P044?asOf=2024-02'),
  ok('project detail, not reported', '/api/projects/P132'),
  // Errors: same status and same body from every implementation.
  bad('asOf month 13', '/api/summary?asOf=2024-13'),
  bad('asOf another year', '/api/summary?asOf=2023-09'),
  // After the latest approved month: only what is approved counts (nothing yet, so October is all 未报送).
  ok('asOf after the last approved month', '/api/zones?asOf=2024-10'),
  ok('summary at December, nothing approved yet', '/api/summary?asOf=2024-12'),
  bad('asOf not a month', '/api/summary?asOf=abc'),
  bad('unknown parameter', '/api/summary?foo=1'),
  bad('repeated parameter', '/api/summary?asOf=2024-01&asOf=2024-02'),
  bad('unknown list parameter', '/api/projects?limit=10'),
  bad('pageSize 0', '/api/projects?pageSize=0'),
  bad('pageSize over the limit', '/api/projects?pageSize=201'),
  bad('page 0', '/api/projects?page=0'),
  bad('negative page', '/api/projects?page=-1'),
  bad('fractional page', '/api/projects?page=1.5'),
  bad('huge page', '/api/projects?page=99999999999999999999'),
  bad('page not a number', '/api/projects?page=abc'),
  bad('unknown status', '/api/projects?status=bogus'),
  bad('empty status', '/api/projects?status=,'),
  bad('unknown sort', '/api/projects?sort=bogus'),
  bad('unknown order', '/api/projects?order=up'),
  bad('unknown zone filter', '/api/projects?zone=atlantis'),
  bad('search too long', `/api/projects?q=${'长'.repeat(101)}`),
  bad('search with NUL', '/api/projects?q=a%00b'),
  bad('search not UTF-8', '/api/projects?q=%FF%FE'),
  bad('owner empty', '/api/projects?owner='),
  bad('filter options take no parameters', '/api/filter-options?x=1'),
  ok('问题类别', '/api/problem-categories'),
  // 前期手续 (decision 80): the list of kinds, a project's approvals, and the list filtered by a missing one.
  ok('前期手续类别', '/api/approval-kinds'),
  ok('a project\'s 前期手续', '/api/projects/P001/approvals'),
  bad('前期手续 of an unknown project', '/api/projects/P999/approvals', 404),
  ok('list by a missing approval', '/api/projects?missingApproval=construction-permit&status=not-started'),
  ok('list by a missing approval not on the list', '/api/projects?missingApproval=no-such-kind'),
  bad('list by a malformed approval kind', '/api/projects?missingApproval=Construction_Permit'),
  // 形象进度照片 (decision 81): a project's photos (none yet), a photo that is not there. (An approval without its PDF is
  // 404 to its readers but 403 to another unit's owner first: tests/server/approval-files.test.ts.)
  ok('a project\'s photos', '/api/projects/P001/photos'),
  bad('photos of an unknown project', '/api/projects/P999/photos', 404),
  bad('an unknown photo', '/api/files/photos/00000000-0000-4000-8000-000000000000', 404),
  bad('an unknown photo\'s thumbnail', '/api/files/photos/00000000-0000-4000-8000-000000000000/thumb', 404),
  bad('a malformed photo id', '/api/files/photos/not-a-uuid'),
  // 完成信心 (decision 74): a sort like the others.
  ok('list sorted by 完成信心', '/api/projects?sort=confidence&order=desc'),
  bad('forecast asOf month 13', '/api/forecast?asOf=2024-13'),
  bad('forecast of an unknown zone', '/api/forecast?zone=atlantis'),
  bad('forecast unknown parameter', '/api/forecast?sort=name'),
  bad('malformed project id', '/api/projects/xyz'),
  bad('project id too short', '/api/projects/P1'),
  bad('project id with SQL', `/api/projects/${enc("P001' or '1'='1")}`),
  bad('unknown project', '/api/projects/P999', 404),
  bad('malformed zone id', '/api/zones/NANPING'),
  bad('unknown zone', '/api/zones/atlantis', 404),
  bad('unknown endpoint', '/api/unknown', 404),
  bad('write to a read endpoint', '/api/summary', 405, 'POST'),
  bad('delete a project', '/api/projects/P001', 405, 'DELETE'),
]

/** Every project's detail page, so every stored field round-trips through the database. */
export const DETAIL_PATHS = records.map((r) => `/api/projects/${r.id}`)

CONTRACT_CASES.push(
  bad('hex page number', '/api/projects?page=0x10'),
  bad('exponent page size', '/api/projects?pageSize=1e2'),
  bad('__proto__ as a parameter', '/api/summary?__proto__=1'),
)
