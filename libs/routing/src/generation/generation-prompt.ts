import type { ChatMessage, TaskType } from '@llmgw/contracts';
import type { GenerateRequest, GenerationMode } from './generate.request';

/** The language an artifact of each task is written in. */
export const ARTIFACT_LANGUAGE: Record<TaskType, string> = {
  sql_generation: 'sql',
  python_code: 'python',
  yaml_config: 'yaml',
  explanation: 'markdown',
  optimization: 'sql',
  debugging: 'python',
  analysis: 'markdown',
  schema_design: 'sql',
  data_modeling: 'sql',
  transformation: 'python',
  general: 'text',
};

const MODE_INSTRUCTIONS: Record<GenerationMode, string> = {
  generate: 'Write it.',
  regenerate: 'Write it again from scratch; do not reuse an earlier answer.',
  optimize: 'Improve the given code for performance and clarity; keep its behaviour.',
  debug: 'Find the defect in the given code, explain it in one paragraph, then give the fixed code.',
  describe: 'Describe what the given code or data does, precisely and briefly.',
  analyze: 'Analyse it: findings first, then recommendations.',
};

/** A system prompt for the task and mode, and a user message carrying intent and context. */
export function generationMessages(request: GenerateRequest, taskType: TaskType): ChatMessage[] {
  const language = ARTIFACT_LANGUAGE[taskType];
  const system = [
    `You are an expert assistant for ${taskType.replace(/_/g, ' ')}.`,
    MODE_INSTRUCTIONS[request.mode],
    language === 'markdown' || language === 'text' ? 'Answer in plain prose.' : `Put each artifact in its own fenced \`\`\`${language} code block.`,
  ].join(' ');
  const sections = [`Task: ${request.intent}`];
  if (request.sources?.length) sections.push(`Sources:\n${JSON.stringify(request.sources, null, 2)}`);
  if (request.targets?.length) sections.push(`Targets:\n${JSON.stringify(request.targets, null, 2)}`);
  if (request.hints && Object.keys(request.hints).length > 0) sections.push(`Context (schemas, samples, constraints):\n${JSON.stringify(request.hints, null, 2)}`);
  return [
    { role: 'system', content: system },
    { role: 'user', content: sections.join('\n\n') },
  ];
}
