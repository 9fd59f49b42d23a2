import type { GenerationOverrides } from '@llmgw/config';
import type { TaskType } from '@llmgw/contracts';
import type { GenerationMode } from './generate.request';

// The specification's sampling temperatures: precise modes and tasks run cold.
const TEMPERATURE_BY_MODE: Record<GenerationMode, number> = {
  generate: 0.2,
  regenerate: 0.1,
  optimize: 0.3,
  debug: 0.05,
  describe: 0.15,
  analyze: 0.15,
};
const TEMPERATURE_BY_TASK: Partial<Record<TaskType, number>> = {
  sql_generation: 0.1,
  python_code: 0.2,
  optimization: 0.3,
  debugging: 0.05,
  explanation: 0.15,
};

/**
 * The caller's temperature wins; then an explicitly chosen mode's; then the task's; then the
 * configured default. `modeGiven` tells an explicit `generate` from the default one.
 */
export function temperatureFor(input: {
  requested?: number | undefined;
  mode: GenerationMode;
  modeGiven: boolean;
  taskType: TaskType;
  fallback: number;
  /** The providers file's `generation` section wins over the built-in tables. */
  overrides?: GenerationOverrides | undefined;
}): number {
  if (input.requested !== undefined) return input.requested;
  if (input.modeGiven) return input.overrides?.temperature_by_mode[input.mode] ?? TEMPERATURE_BY_MODE[input.mode];
  return input.overrides?.temperature_by_task[input.taskType] ?? TEMPERATURE_BY_TASK[input.taskType] ?? input.fallback;
}
