import { z } from 'zod'
import { CalendarSchema, ProblemSchema, ProjectRecordSchema, LoginRequestSchema, MeResponseSchema, authRoutes, ApiErrorSchema, AsOfQuerySchema, FilterOptionsSchema, ProjectDetailSchema, ProjectListQuerySchema, ProjectListSchema, SummarySchema, ZoneDetailSchema, ZoneListSchema, apiRoutes } from '@/contract'
import { AssignProblemSchema, CreateProblemSchema, OverdueProblemListSchema, ResolveProblemSchema, problemRoutes } from '@/contract/problems'
import { CreateProjectSchema, RetireProjectSchema, UpdateProjectSchema, projectEditRoutes } from '@/contract/project-edit'
import { ReportListSchema, ReportQueueQuerySchema, ReportQueueSchema, ReportSchema, ReportTransitionSchema, SaveReportSchema, reportRoutes } from '@/contract/reports'
import { AccountListSchema, AccountSchema, AuditListSchema, AuditQuerySchema, CreateAccountSchema, OwnerUnitListSchema, ResetPasswordSchema, UpdateAccountSchema } from '@/contract/accounts'

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' })

/** Query parameters of an endpoint, from the contract's (strict) query schema. */
function queryParameters(schema: z.ZodObject) {
  const input = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>
  }
  return Object.entries(input.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    schema: property,
  }))
}

const errors = {
  '400': { description: '参数无效', content: { 'application/json': { schema: json(ApiErrorSchema) } } },
}
const notFound = {
  '404': { description: '不存在', content: { 'application/json': { schema: json(ApiErrorSchema) } } },
}
const ok = (description: string, schema: z.ZodType) => ({
  '200': { description, content: { 'application/json': { schema: json(schema) } } },
})
const toOpenApiPath = (route: string) => route.replace(/:(\w+)/g, '{$1}')
const error = (status: string, description: string) => ({ [status]: { description, content: { 'application/json': { schema: json(ApiErrorSchema) } } } })
const unauthenticated = error('401', '未登录或会话已失效')
const forbidden = error('403', '当前账户无权进行此操作，或跨站请求')
const conflict = error('409', '版本已过期（附 current 当前内容）或状态不允许')
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } } })
/** Read routes answer 401 without a session and 403 to a role without the permission. */
const guarded = { ...unauthenticated, ...forbidden }
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })

type Operation = { summary: string; parameters?: { name: string; in: string; description?: string; schema?: unknown }[]; [key: string]: unknown }

/** OpenAPI 3.1 description of the API, generated from the zod contract. */
export function openApiDocument() {
  const asOf = queryParameters(AsOfQuerySchema)
  return withOperationIds({
    openapi: '3.1.0',
    servers: [{ url: '/', description: '本服务' }],
    security: [{ session: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'nanan_session', description: '登录（POST /api/auth/login）后由服务器设置的 HttpOnly 会话 Cookie' },
      },
    },
    info: {
      title: '南岸区重点项目进度监测 API',
      version: '1.0.0',
      description: '除 /api/health 与登录外，所有接口都需要登录（会话 Cookie）；修改类请求须来自本站页面（Origin 校验）。金额均为整数万元（字段名以 Wan 结尾）；比率 1 = 100%；差值单位为个百分点。错误统一为 { error: { code, message, fields? } }。未知查询参数会被拒绝。',
    },
    paths: <Record<string, Record<string, Operation>>>{
      [apiRoutes.summary]: {
        get: { summary: '总览：合计、分组、逐月与欠序时进度最多的项目', parameters: asOf, responses: { ...ok('总览', SummarySchema), ...errors, ...guarded } },
      },
      [apiRoutes.zones]: {
        get: { summary: '各片区合计与排名', parameters: asOf, responses: { ...ok('片区列表', ZoneListSchema), ...errors, ...guarded } },
      },
      [toOpenApiPath(apiRoutes.zone)]: {
        get: {
          summary: '一个片区',
          parameters: [pathParam('zoneId', '片区编号，如 nanping'), ...asOf],
          responses: { ...ok('片区', ZoneDetailSchema), ...errors, ...guarded, ...notFound },
        },
      },
      [apiRoutes.projects]: {
        get: {
          summary: '项目列表：筛选、排序、分页，以及筛选结果的合计',
          parameters: queryParameters(ProjectListQuerySchema),
          responses: { ...ok('项目列表', ProjectListSchema), ...errors, ...guarded },
        },
        post: {
          summary: '新增项目（发改委工作人员）：项目编号默认取下一个；年度计划平均分到各月；尚无月报',
          requestBody: body(CreateProjectSchema),
          responses: {
            '201': { description: '已新增', content: { 'application/json': { schema: json(ProjectRecordSchema) } } },
            ...errors,
            ...guarded,
            ...error('409', '项目编号已存在'),
            ...error('422', '内容不符合规则，fields 指明字段'),
          },
        },
      },
      [toOpenApiPath(apiRoutes.project)]: {
        get: {
          summary: '一个项目的全部字段（含来源标注）与截至月份的判断',
          parameters: [pathParam('projectId', '项目编号，如 P001'), ...asOf],
          responses: { ...ok('项目', ProjectDetailSchema), ...errors, ...guarded, ...notFound },
        },
        patch: {
          summary: '修改项目信息（发改委工作人员；须带 version）：改年度计划投资即中期调整，须填 reason，原计划保留在 planAdjustment',
          parameters: [pathParam('projectId', '项目编号，如 P001')],
          requestBody: body(UpdateProjectSchema),
          responses: { ...ok('修改后的项目', ProjectRecordSchema), ...errors, ...guarded, ...notFound, ...conflict, ...error('422', '内容不符合规则，fields 指明字段') },
        },
      },
      [toOpenApiPath(projectEditRoutes.retire)]: {
        post: {
          summary: '退出重点项目清单（发改委工作人员）：不删除，写明原因；退出后不计入任何统计',
          parameters: [pathParam('projectId', '项目编号，如 P001')],
          requestBody: body(RetireProjectSchema),
          responses: { ...ok('项目', ProjectRecordSchema), ...errors, ...guarded, ...notFound, ...conflict },
        },
      },
      [apiRoutes.filterOptions]: {
        get: { summary: '筛选项：片区、业主单位、责任单位', responses: { ...ok('筛选项', FilterOptionsSchema), ...guarded } },
      },
      [apiRoutes.calendar]: {
        get: { summary: '报送日历：计划年度、已审核月报的最新月份（默认截至月份）、报送截止日', responses: { ...ok('日历', CalendarSchema), ...guarded } },
      },
      [toOpenApiPath(reportRoutes.list)]: {
        get: {
          summary: '一个项目本年度各月的月报（含草稿、待审核、已退回）',
          parameters: [pathParam('projectId', '项目编号，如 P001')],
          responses: { ...ok('月报', ReportListSchema), ...errors, ...guarded, ...notFound },
        },
      },
      [toOpenApiPath(reportRoutes.one)]: {
        put: {
          summary: '保存月报草稿（业主单位，限本单位项目）：新建时不带 version，修改时带所依据的 version',
          parameters: [pathParam('projectId', '项目编号'), pathParam('month', '月份 YYYY-MM')],
          requestBody: body(SaveReportSchema),
          responses: {
            ...ok('修改后的月报', ReportSchema),
            '201': { description: '已新建', content: { 'application/json': { schema: json(ReportSchema) } } },
            ...errors,
            ...guarded,
            ...notFound,
            ...conflict,
            ...error('422', '内容不符合规则（进度回退未说明原因、超过年度计划 150% 未确认、非本年度或未来月份），fields 指明字段'),
          },
        },
      },
      ...Object.fromEntries(
        (['submit', 'approve', 'return'] as const).map((action) => [
          toOpenApiPath(reportRoutes[action]),
          {
            post: {
              summary: { submit: '提交月报（业主单位）', approve: '审核通过月报（发改委工作人员）：计入统计', return: '退回月报（发改委工作人员）：须填写 comment' }[action],
              parameters: [pathParam('projectId', '项目编号'), pathParam('month', '月份 YYYY-MM')],
              requestBody: body(ReportTransitionSchema),
              responses: { ...ok('月报', ReportSchema), ...errors, ...guarded, ...notFound, ...conflict, ...error('422', '内容不符合规则或退回未填原因') },
            },
          },
        ]),
      ),
      [reportRoutes.month]: {
        get: {
          summary: '某月报送情况：每个项目的月报状态、是否逾期，按业主单位和责任单位计数（业主单位只看本单位）',
          parameters: queryParameters(ReportQueueQuerySchema),
          responses: { ...ok('报送情况', ReportQueueSchema), ...errors, ...guarded },
        },
      },
      [toOpenApiPath(problemRoutes.create)]: {
        post: {
          summary: '登记问题（发改委工作人员）：状态为预警，未督办',
          parameters: [pathParam('projectId', '项目编号')],
          requestBody: body(CreateProblemSchema),
          responses: {
            '201': { description: '已登记', content: { 'application/json': { schema: json(ProblemSchema) } } },
            ...errors,
            ...guarded,
            ...notFound,
            ...error('422', '要求解决日期早于提出日期'),
          },
        },
      },
      [toOpenApiPath(problemRoutes.assign)]: {
        post: {
          summary: '督办问题（发改委工作人员）：交给部门并给出办结时限，可再次督办',
          parameters: [pathParam('projectId', '项目编号'), pathParam('problemId', '问题编号，如 P001-Q1')],
          requestBody: body(AssignProblemSchema),
          responses: { ...ok('问题', ProblemSchema), ...errors, ...guarded, ...notFound, ...conflict, ...error('422', '办结时限早于提出日期') },
        },
      },
      [toOpenApiPath(problemRoutes.resolve)]: {
        post: {
          summary: '办结问题（发改委工作人员）：写明办结情况',
          parameters: [pathParam('projectId', '项目编号'), pathParam('problemId', '问题编号，如 P001-Q1')],
          requestBody: body(ResolveProblemSchema),
          responses: { ...ok('问题', ProblemSchema), ...errors, ...guarded, ...notFound, ...conflict },
        },
      },
      [problemRoutes.overdue]: {
        get: { summary: '逾期未办结的问题，逾期最久的在前（最多 20 个，total 为总数）', responses: { ...ok('逾期问题', OverdueProblemListSchema), ...errors, ...guarded } },
      },
      '/api/health': {
        get: { summary: '健康检查（含数据库可达性），无需登录', security: [], responses: { '200': { description: '正常' }, '503': { description: '数据库不可达' } } },
      },
      '/api/openapi.json': { get: { summary: '本文档（OpenAPI 3.1）', responses: { '200': { description: 'OpenAPI 文档' }, ...unauthenticated } } },
      '/api/docs': { get: { summary: '本文档的网页版', responses: { '200': { description: 'HTML 页面' }, ...unauthenticated } } },
      [authRoutes.login]: {
        post: {
          summary: '登录：成功后设置会话 Cookie（HttpOnly、SameSite=Lax，HTTPS 下 Secure）',
          security: [],
          requestBody: body(LoginRequestSchema),
          responses: {
            ...ok('当前用户', MeResponseSchema),
            ...error('400', '请求内容无效'),
            ...error('401', '用户名或密码错误（不区分是哪一项）'),
            ...error('403', '跨站请求'),
            '429': {
              description: '15 分钟内失败 5 次（按用户名和来源地址分别计），Retry-After 头给出可重试的秒数',
              headers: { 'Retry-After': { description: '秒', schema: { type: 'integer' } } },
              content: { 'application/json': { schema: json(ApiErrorSchema) } },
            },
          },
        },
      },
      [authRoutes.me]: { get: { summary: '当前登录的用户', responses: { ...ok('当前用户', MeResponseSchema), ...unauthenticated } } },
      [authRoutes.logout]: { post: { summary: '退出登录：会话立即失效（重放 Cookie 也无效）', responses: { '204': { description: '已退出' }, ...guarded } } },
      [authRoutes.accounts]: {
        get: { summary: '账户列表（管理员）', responses: { ...ok('账户', AccountListSchema), ...guarded } },
        post: {
          summary: '新建账户（管理员）',
          requestBody: body(CreateAccountSchema),
          responses: { '201': { description: '已创建', content: { 'application/json': { schema: json(AccountSchema) } } }, ...errors, ...guarded, ...error('409', '用户名已存在') },
        },
      },
      [toOpenApiPath(authRoutes.account)]: {
        patch: {
          summary: '修改账户的姓名、角色、业主单位或停用状态（管理员；须带 version）',
          parameters: [pathParam('username', '用户名')],
          requestBody: body(UpdateAccountSchema),
          responses: { ...ok('修改后的账户', AccountSchema), ...errors, ...guarded, ...notFound, ...conflict },
        },
      },
      [toOpenApiPath(authRoutes.accountPassword)]: {
        post: {
          summary: '重置密码（管理员）：该账户的会话全部失效',
          parameters: [pathParam('username', '用户名')],
          requestBody: body(ResetPasswordSchema),
          responses: { ...ok('账户', AccountSchema), ...errors, ...guarded, ...notFound, ...conflict },
        },
      },
      [authRoutes.ownerUnits]: { get: { summary: '可绑定的业主单位（管理员）', responses: { ...ok('业主单位', OwnerUnitListSchema), ...guarded } } },
      [authRoutes.audit]: {
        get: {
          summary: '操作日志，新的在前：管理员看到登录与账户变更；可查看项目数据的角色看到月报的每次修改（可按 projectId、month 筛选）',
          parameters: queryParameters(AuditQuerySchema),
          responses: { ...ok('日志', AuditListSchema), ...errors, ...guarded },
        },
      },
    },
  })
}

/** operationId and a tag for every operation, from its method and path (getApiProjectsProjectId …): stable and unique. */
function withOperationIds<T extends { paths: Record<string, Record<string, Operation>> }>(doc: T): T {
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean)
      operation.operationId ??= method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
      operation.tags ??= [path.startsWith('/api/auth') ? '登录' : path.startsWith('/api/admin') || path === '/api/audit' ? '账户管理' : '数据']
    }
  }
  return doc
}
