import type { TaskType } from '@llmgw/contracts';

/** One signal: a pattern and how strongly it points at its task. */
export interface TaskSignal {
  pattern: RegExp;
  weight: number;
  /** Short label used in the classifier's reason. */
  label: string;
}

const s = (label: string, pattern: RegExp, weight: number): TaskSignal => ({ label, pattern, weight });

// Intent signals (fix, optimise, explain, convert, analyse) weigh more than artifact signals
// (SQL, Python, YAML): "optimise this SQL query" is an optimisation task that happens to be SQL.
export const TASK_RULES: Readonly<Record<Exclude<TaskType, 'general'>, readonly TaskSignal[]>> = {
  sql_generation: [
    s('sql', /\bsql\b/i, 2),
    s('query', /\bquer(y|ies)\b/i, 1.5),
    s('select … from', /\bselect\b[\s\S]{1,200}\bfrom\b/i, 2),
    s('join', /\b(inner |left |right |outer )?join(s|ing)?\b/i, 1),
    s('group by', /\bgroup by\b|\border by\b|\bhaving\b/i, 1.5),
    s('database dialect', /\b(postgres(ql)?|mysql|sqlite|bigquery|snowflake sql|t-sql|redshift)\b/i, 1),
    s('window function / cte', /\b(cte|window function|row_number|partition by)\b/i, 1.5),
  ],
  python_code: [
    s('python', /\bpython\b|\.py\b/i, 2.5),
    s('python library', /\b(pandas|numpy|django|flask|fastapi|pytest|asyncio|pydantic)\b/i, 1.5),
    s('def/import', /\bdef \w+\(|^\s*(from \w+ )?import \w+/im, 1.5),
    s('script/function', /\b(script|function|class|decorator|generator|list comprehension)\b/i, 0.5),
  ],
  yaml_config: [
    s('yaml', /\bya?ml\b/i, 2.5),
    s('deployment config', /\b(kubernetes|k8s|helm|docker-compose|compose file|github actions|gitlab ci|ansible|manifest|configmap)\b/i, 2),
    s('config file', /\bconfig(uration)? file\b/i, 1.5),
  ],
  explanation: [
    s('explain', /\bexplain|\bexplanation\b/i, 3),
    s('what is / how does', /\b(what (is|are|does)|how (does|do)\b[\s\S]{0,80}\bwork|eli5|help me understand|describe)\b/i, 2),
    s('difference between', /\b(difference between|what's the difference|why (do|does|is|are) (we|people|you))\b/i, 2),
    s('concept', /\b(concept|meaning|intuition)\b/i, 1),
  ],
  optimization: [
    s('optimise', /\boptimi[sz](e|ation|ing)\b/i, 3.5),
    s('faster/slow', /\b(faster|speed up|too slow|runs slow|is slow|takes (forever|too long|\d+ (seconds|minutes)))\b/i, 2.5),
    s('performance', /\b(performance|efficien(t|cy)|bottleneck|latency|throughput|tune|tuning)\b/i, 1.5),
    s('reduce cost/memory', /\breduce (the )?(memory|cpu|cost|runtime|time|latency)\b/i, 2),
  ],
  debugging: [
    s('error/exception', /\b(error|exception|traceback|stack ?trace|segfault)\b/i, 2.5),
    s('bug/fix', /\b(bug|fix|debug(ging)?|broken|crash(es|ed|ing)?)\b/i, 2),
    s('does not work', /\b(doesn'?t work|does not work|not working|fails?|failing|wrong (result|output|answer)|unexpected)\b/i, 2),
    s('error name', /\b\w+(Error|Exception)\b|\bnull pointer\b|\bundefined is not\b/, 2),
  ],
  analysis: [
    s('analyse', /\banaly[sz](e|is|ing)\b/i, 3),
    s('trends/insights', /\b(trends?|insights?|patterns in|correlation|distribution|outliers?|anomal(y|ies))\b/i, 2),
    s('compare/evaluate', /\b(compare|comparison|evaluate|assess|pros and cons|trade-?offs?)\b/i, 1.5),
    s('data/metrics', /\b(metrics|kpis?|dataset|survey results|sales figures|churn)\b/i, 1),
  ],
  schema_design: [
    s('schema', /\bschema\b/i, 2.5),
    s('tables/keys', /\b(primary key|foreign key|create table|ddl|constraints?|normali[sz](e|ation)|3nf)\b/i, 2),
    s('design tables', /\b(design|structure)\b[\s\S]{0,40}\b(tables?|database)\b/i, 2),
    s('index/column', /\b(columns?|indexes|indices)\b/i, 0.5),
  ],
  data_modeling: [
    s('data model', /\bdata model(l)?(ing)?\b|\bmodel(l)?ing\b[\s\S]{0,30}\bdata\b/i, 3.5),
    s('dimensional', /\b(star schema|snowflake schema|fact tables?|dimension tables?|dimensional|kimball|data vault|slowly changing)\b/i, 3),
    s('entities', /\b(entit(y|ies)|relationships?|erd|entity[- ]relationship|cardinality)\b/i, 1.5),
  ],
  transformation: [
    s('transform/convert', /\b(transform|convert|conversion|reformat|reshape)\w*\b/i, 3),
    s('format to format', /\b(csv|json|xml|yaml|parquet|markdown|html)\b[\s\S]{0,40}\b(to|into)\b[\s\S]{0,20}\b(csv|json|xml|yaml|parquet|markdown|html|table)\b/i, 2),
    s('pivot/flatten', /\b(pivot|unpivot|flatten|denormali[sz]e|etl|map each|rename (the )?(fields|keys|columns))\b/i, 2),
  ],
};

/** Which task wins a tie: the more specific intents first. */
export const TIE_ORDER: readonly Exclude<TaskType, 'general'>[] = [
  'debugging',
  'optimization',
  'transformation',
  'data_modeling',
  'schema_design',
  'sql_generation',
  'python_code',
  'yaml_config',
  'analysis',
  'explanation',
];
