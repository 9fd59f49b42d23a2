import { TASK_TYPES, type ChatCompletionRequest, type TaskType } from '@llmgw/contracts';
import { weightedTextOf } from './request-text';
import { TASK_RULES, TIE_ORDER } from './task-rules.data';

export interface TaskHints {
  /** The `x-llmgw-task-type` header. */
  header?: string;
  /** `metadata.task_type`; read from the request when not given. */
  metadataTaskType?: string;
}

export interface TaskClassification {
  taskType: TaskType;
  /** 0..1: 1 for an explicit hint, lower the closer the runner-up came. */
  confidence: number;
  reason: string;
}

// Below this weighted score the keywords are too thin to beat `general`.
const MIN_SCORE = 2;
// A score this high counts as fully sure of the signal's strength.
const STRONG_SCORE = 9;
// Intents outrank the artifact they act on: "optimise this SQL query" is optimisation.
const INTENT_TASKS: ReadonlySet<TaskType> = new Set(['debugging', 'optimization', 'explanation', 'transformation', 'analysis']);
const INTENT_BOOST = 1.5;

/** Which kind of work a request asks for: an explicit hint wins, else keyword rules. */
export function classifyTask(request: Pick<ChatCompletionRequest, 'messages' | 'metadata'>, hints: TaskHints = {}): TaskClassification {
  const ignored: string[] = [];
  const explicit: [string, string | undefined][] = [
    ['x-llmgw-task-type header', hints.header],
    ['metadata.task_type', hints.metadataTaskType ?? request.metadata?.['task_type']],
  ];
  for (const [source, value] of explicit) {
    if (value === undefined || value.trim() === '') continue;
    const normalised = value.trim().toLowerCase();
    if (isTaskType(normalised)) return { taskType: normalised, confidence: 1, reason: `${source} says '${normalised}'` };
    ignored.push(`ignored invalid ${source} '${value}'`);
  }
  const inferred = classifyByRules(request);
  return ignored.length === 0 ? inferred : { ...inferred, reason: `${ignored.join('; ')}; ${inferred.reason}` };
}

function classifyByRules(request: Pick<ChatCompletionRequest, 'messages'>): TaskClassification {
  const texts = weightedTextOf(request).map(({ text, weight, source }) => ({ weight, matches: source === 'system prompt' ? systemPromptMatches(text) : signalMatches(text) }));
  const scored = TIE_ORDER.map((taskType) => {
    const hits: number[] = [];
    const labels: string[] = [];
    TASK_RULES[taskType].forEach((signal, index) => {
      for (const { weight, matches } of texts) {
        if (!matches[SIGNAL_OFFSET[taskType] + index]) continue;
        hits.push(signal.weight * weight);
        if (!labels.includes(signal.label)) labels.push(signal.label);
      }
    });
    const boost = INTENT_TASKS.has(taskType) ? INTENT_BOOST : 1;
    return { taskType, score: diminishing(hits) * boost, labels };
  });
  // Stable sort keeps TIE_ORDER among equal scores.
  scored.sort((a, b) => b.score - a.score);
  const [top, second] = scored;
  if (!top || top.score < MIN_SCORE) {
    return { taskType: 'general', confidence: 0.5, reason: 'no task keywords matched strongly; general' };
  }
  const margin = (top.score - (second?.score ?? 0)) / top.score;
  const strength = Math.min(1, top.score / STRONG_SCORE);
  const confidence = round2(Math.min(0.95, 0.35 + 0.3 * margin + 0.3 * strength));
  const runnerUp = second && second.score > 0 ? ` (runner-up ${second.taskType} ${round2(second.score)})` : '';
  return {
    taskType: top.taskType,
    confidence,
    reason: `keywords ${top.labels.map((label) => `'${label}'`).join(', ')} scored ${round2(top.score)}${runnerUp}`,
  };
}

// Every signal has a slot in one flat list, task by task in TIE_ORDER.
const SIGNAL_OFFSET = {} as Record<(typeof TIE_ORDER)[number], number>;
const SIGNAL_PATTERNS: RegExp[] = [];
for (const taskType of TIE_ORDER) {
  SIGNAL_OFFSET[taskType] = SIGNAL_PATTERNS.length;
  for (const signal of TASK_RULES[taskType]) SIGNAL_PATTERNS.push(signal.pattern);
}

/** Which signals a text shows, by slot. */
function signalMatches(text: string): readonly boolean[] {
  return SIGNAL_PATTERNS.map((pattern) => pattern.test(text));
}

// Callers send the same few system prompts again and again: their matches are kept (a third of
// the classifier's cost on a typical request). Bounded in count and in the length of a prompt kept.
const SYSTEM_PROMPT_MEMO_ENTRIES = 256;
const SYSTEM_PROMPT_MEMO_MAX_LENGTH = 8_192;
const systemPromptMemo = new Map<string, readonly boolean[]>();

function systemPromptMatches(text: string): readonly boolean[] {
  if (text.length > SYSTEM_PROMPT_MEMO_MAX_LENGTH) return signalMatches(text);
  let matches = systemPromptMemo.get(text);
  if (!matches) {
    matches = signalMatches(text);
    if (systemPromptMemo.size >= SYSTEM_PROMPT_MEMO_ENTRIES) systemPromptMemo.delete(systemPromptMemo.keys().next().value!);
    systemPromptMemo.set(text, matches);
  }
  return matches;
}

/** The strongest hit counts in full, the rest at half: many weak hints do not beat one clear one. */
function diminishing(hits: number[]): number {
  if (hits.length === 0) return 0;
  const sorted = [...hits].sort((a, b) => b - a);
  return sorted.reduce((sum, hit, index) => sum + (index === 0 ? hit : hit / 2), 0);
}

function isTaskType(value: string): value is TaskType {
  return (TASK_TYPES as readonly string[]).includes(value);
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
