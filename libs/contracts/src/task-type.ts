/** The kinds of work the router tells apart (issue 4 classifies requests into these). */
export const TASK_TYPES = [
  'sql_generation',
  'python_code',
  'yaml_config',
  'explanation',
  'optimization',
  'debugging',
  'analysis',
  'schema_design',
  'data_modeling',
  'transformation',
  'general',
] as const;

export type TaskType = (typeof TASK_TYPES)[number];
