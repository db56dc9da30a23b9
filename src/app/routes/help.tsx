import { PageHeader, Section } from '@/components/page-header'
import { LAG_THRESHOLDS } from '@/domain/rules'
import { DEFAULT_REPORT_DEADLINE_DAY } from '@/domain/calendar'
import { DEFAULT_FORECAST_SETTINGS, PACE_CAP_TIMES_PLAN } from '@/domain/forecast'
import { DEFAULT_REPORT_CHECKS } from '@/domain/forecast-report'
import { useCalendar } from '@/lib/as-of'
import { useCan } from '@/lib/session'
import { ProblemCategories } from '@/features/problems/components/problem-categories'
import { ApprovalKinds } from '@/features/projects/components/approval-kinds'
import { APPROVAL_FILE_LIMITS } from '@/contract/approvals'
import { PHOTO_LIMITS } from '@/contract/photos'

const t = LAG_THRESHOLDS

export function Component() {
  // The deployment's settings as the server states them (FORECAST_REQUIRED_FROM, FLAG_*), else the defaults.
  const checks = useCalendar()?.reportChecks ?? DEFAULT_REPORT_CHECKS
  // 问题类别 are data (the staff maintain them here); an account that reads no project data does not see them.
  const readsData = useCan('data:read')
  return (
    <>
      <title>口径说明 · 南岸区重点项目进度监测</title>
      <PageHeader title="口径说明" subtitle="本平台判断项目进度所用的规则与数据来源" />
      <div className="stack prose">
        <Section title="序时进度与投资完成率">
          <ul>
            <li>
              <strong>序时进度</strong>：截至第 M 月末为 M/12。例如 1-9月 为 75.00%，1-4月 为 33.33%。项目有分月计划的，同时显示其自身计划的累计占比（分月计划累计 ÷ 年度计划）。图表中的<strong>序时进度线</strong>（年度计划 × M/12）就是判断滞后所用的基准；<strong>分月计划累计</strong>是各项目自报的分月计划之和，仅作参考，不用于判断。
            </li>
            <li>
              <strong>投资完成率</strong> = 1-M月累计完成投资 ÷ 年度计划投资。与序时进度之差以“个百分点”表示。
            </li>
            <li>
              <strong>欠序时进度</strong> = 年度计划 × M/12 − 累计完成（不小于 0），即要追上序时进度还差的投资额。
            </li>
          </ul>
        </Section>
        <Section title="项目状态（按截至月份判断，按以下顺序）">
          <ol>
            <li><strong>已完工</strong>：截至月份前已实际完工。</li>
            <li><strong>未报送</strong>：截至月份没有收到月报。未报送的项目不会显示为正常。</li>
            <li>
              <strong>应开未开</strong>：新开工项目计划开工月份已到而未开工；逾期满 {t.notStartedRedAfterMonths} 个月及以上标红，否则标黄。计划开工月份未到的显示为<strong>未到开工期</strong>：不按投资评判，没有“较序时”差值（显示为“—”，按差值排序时排在所有已评判项目之后），也不计欠序时进度；但其年度计划投资仍计入片区和全区的计划投资与投资完成率，与区报告的年度计划总额一致。
            </li>
            <li>
              <strong>正常</strong>：完成率与序时进度之差不低于 {t.laggingBelowPoints} 个百分点。其中差值 ≥ 0 为“达到序时进度”，0 至 {t.laggingBelowPoints} 为“略低于序时进度”。
            </li>
            <li>
              <strong>滞后</strong>（黄）：差值低于 {t.laggingBelowPoints} 个百分点、不低于 {t.severeBelowPoints} 个百分点。
            </li>
            <li>
              <strong>严重滞后</strong>（红）：差值低于 {t.severeBelowPoints} 个百分点。
            </li>
          </ol>
          <p>状态同时用文字、图标和颜色表示，不单靠颜色区分。</p>
        </Section>
        <Section title="全年预计与冲刺">
          <p>
            <strong>测算预计</strong>按项目自身进度与全区月度规律推算全年完成：全区月度规律是往年（已结束年度）已审核月报中各月完成投资占全年的比例，没有往年数据时用本年各项目分月计划之和的分布；项目截至 M 月的累计完成 A 除以该规律在项目自身计划月份（首个到最后一个有计划的月份）中截至 M 月的占比 S，即按已有进度把剩余月份补齐，但不超过年度计划的{PACE_CAP_TIMES_PLAN}倍和项目剩余总投资，也不低于 A。已完工或移出清单的项目按实际完成计；计划月份尚未开始的项目按年度计划计；计划月份已开始但尚无已审核月报的项目按 0（实际完成）计，不假设任何进度。<strong>业主预计</strong>是各项目截至 M 月最新一期已审核月报填报的全年预计完成投资之和；未填报的项目按年度计划计（已完工的按实际完成计），页面注明此类项目的个数。业主预计高出测算预计 {DEFAULT_FORECAST_SETTINGS.optimismMarginPercent}%（默认，可配置）以上的项目标为<strong>预计偏乐观</strong>。<strong>冲刺</strong>：落后于序时进度的项目，此后每月需完成 =（年度计划 − A）÷（12 − M），与本年最好月份、月均对比；需完成额超过最好月份 {DEFAULT_FORECAST_SETTINGS.feasibleRatio} 倍（默认，可配置）或本年尚无完成月份的，标为<strong>按现有进度难以完成</strong>。片区与全区的冲刺为剩余计划 ÷ 剩余月数，与近三个月月均完成对比。各金额先按项目取整到万元再相加，片区之和等于全区。
          </p>
          <p className="formula">
            测算预计 = max(A, min(A ÷ S, {PACE_CAP_TIMES_PLAN} × 年度计划, max(年度计划, 剩余总投资)))；每月需完成 = ⌈(年度计划 − A) ÷ (12 − M)⌉；倍数 = 每月需完成 ÷ 最好月份
          </p>
        </Section>
        <Section title="开工率与完工数">
          <ul>
            <li><strong>开工率</strong>：截至月份应开工的新开工项目中已开工的比例；同时给出全年计划新开工数。</li>
            <li><strong>完工数</strong>：截至月份已实际完工的项目数。</li>
          </ul>
        </Section>
        <Section title="月报、审核与修改">
          <ul>
            <li>
              <strong>只计审核通过的月报</strong>：业主单位填报、提交后为“待审核”，发改委审核通过后才计入各项统计；退回的月报须修改后重新提交。默认截至月份是已有审核通过月报的最新月份。
            </li>
            <li>
              <strong>报送截止</strong>：每月月报应在次月 {DEFAULT_REPORT_DEADLINE_DAY} 日前（含当日）审核通过，逾期计为“逾期”。
            </li>
            <li>
              <strong>填报规则</strong>：当月完成投资为整数万元；形象进度低于上次审核通过的数值须说明原因；本年累计超过年度计划 150% 须核实确认。
            </li>
            <li>
              <strong>中期调整</strong>：年度计划投资调整后，完成率和序时差距按调整后的计划计算，原计划保留在项目页。退出重点项目的项目不再计入任何统计。
            </li>
            <li>
              <strong>不丢修改</strong>：每次修改都带版本号，他人已先修改时会提示并显示双方内容，不会静默覆盖；每一步都记入修改记录。
            </li>
          </ul>
        </Section>
        <Section title="全年预计、完成信心与需核实">
          <ul>
            <li>
              <strong>全年预计完成投资与完成信心</strong>：自 {checks.forecastRequiredFrom} 月起，月报提交时须填写全年预计完成投资（万元，本年预计完成的总额）和完成信心（高、较高、中、较低、低，依次以绿、黄绿、黄、橙、红色块标示，并附文字）；本年或明年计划完工的项目还须填写预计完工日期。此前月份可不填。完成信心为中、较低或低时，须用一句话说明原因。
            </li>
            <li>
              <strong>发改委评定</strong>：发改委工作人员可对已提交或已审核的月报给出自己的完成信心并说明理由，与业主单位填报的并存，均记入修改记录；有发改委评定时，以发改委评定为准。项目的完成信心取截至所选月份最近一期已审核月报的评定；滞后项目列表可按完成信心排序（由低到高时“低”在前，未评定的排在最后）。
            </li>
            <li>
              <strong>需核实</strong>：月报提交时，出现以下任一情况即标为“需核实”，在审核列表中排在最前并列明原因：当月完成投资超过本年已审核最大月份的 {checks.flagAmountRatio} 倍；当月完成投资超过年度计划剩余额（年度计划 − 此前各月已审核完成）；形象进度较上月上升超过 {checks.flagProgressJumpPoints} 个百分点；当月完成投资为 0 而形象进度上升。审核通过需核实的月报须填写确认意见，不能批量通过。
            </li>
          </ul>
        </Section>
        <Section title="形象进度照片与前期手续">
          <ul>
            <li>
              <strong>形象进度照片</strong>：业主单位可在月报为草稿或已退回时上传照片，每期最多 {PHOTO_LIMITS.perReport} 张，每张须附图片说明（最长 {PHOTO_LIMITS.captionMax} 字）；接受 JPG、PNG、WebP，单张不超过 {PHOTO_LIMITS.maxBytes / 1024 / 1024} MB，按文件内容识别（HEIC 请先转为 JPG）。上传后统一转为长边 {PHOTO_LIMITS.displaySide} 像素的展示图和缩略图，去除位置等拍摄信息，只保留拍摄时间；拍摄时间早于该月 1 日 {PHOTO_LIMITS.earlyDays} 天以上的标为“拍摄时间较早”，供审核参考。月报提交后照片不能再改；未审核月报的照片标为“未审核”。
            </li>
            <li>
              <strong>前期手续</strong>：每个项目按启用的手续类别逐项记录状态（未启动、办理中、已取得、不需要）、取得日期、文号、办理部门和批复文件（PDF，不超过 {APPROVAL_FILE_LIMITS.maxBytes / 1024 / 1024} MB）。应开未开的项目列出尚未取得的手续（状态既非“已取得”也非“不需要”），项目清单可按“未取得的前期手续”筛选，月度通报的应开未开部分按手续统计。
            </li>
          </ul>
        </Section>
        {readsData && <ProblemCategories />}
        {readsData && <ApprovalKinds />}
        <Section title="数据来源">
          <p>
            项目总数 132 个、总投资约 2391 亿元、年度计划投资约 277.08 亿元，以及政府投资 77 个（约 124.4 亿元）、社会投资 46 个（约 85.7 亿元）、政社共同投资 1 个（约 1 亿元）来自《南岸区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告》。其余 8 个项目报告未细分投资类别，其年度计划 65.98 亿元是由总数相减推算的（277.08 − 211.1），总览的“按投资类别”表注明为推算，不是报告原文。
          </p>
          <p>
            报告点名的项目保留其名称和所属领域；2023年末进度取自报告专栏，只有文字描述的不推算百分比。报告未点名的项目、各项目金额、月度完成、单位、日期、节点和问题均为模拟数据，页面上以“模拟”标注。重大建设项目最终以区政府发文为准。
          </p>
        </Section>
      </div>
    </>
  )
}
