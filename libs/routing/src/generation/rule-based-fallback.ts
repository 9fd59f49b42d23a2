import type { TaskType } from '@llmgw/contracts';
import type { GenerationArtifact } from './generation-artifacts';
import type { GenerateRequest } from './generate.request';
import { ARTIFACT_LANGUAGE } from './generation-prompt';

/** How sure a template is of fitting the request: barely, and it says so. */
export const RULE_BASED_CONFIDENCE = 0.1;

/**
 * A template answer for when no model can be reached. It never pretends to be a model: the
 * caller sees `generated_by: "rule_based_fallback"`, a low confidence and a comment saying why.
 */
export function ruleBasedArtifact(request: GenerateRequest, taskType: TaskType): GenerationArtifact {
  const language = ARTIFACT_LANGUAGE[taskType];
  const subject = firstName(request.sources) ?? 'your_table';
  const note = 'Template answer: no model was reachable. Review before use.';
  switch (language) {
    case 'sql':
      return { language, content: `-- ${note}\n-- Intent: ${oneLine(request.intent)}\nSELECT *\nFROM ${subject}\nLIMIT 100;` };
    case 'python':
      return { language, content: `# ${note}\n# Intent: ${oneLine(request.intent)}\ndef run(rows):\n    raise NotImplementedError("${oneLine(request.intent).replace(/"/g, "'")}")` };
    case 'yaml':
      return { language, content: `# ${note}\n# Intent: ${oneLine(request.intent)}\nname: ${subject}\nsettings: {}` };
    default:
      return { language, content: `${note}\nIntent: ${oneLine(request.intent)}` };
  }
}

function firstName(sources: unknown[] | undefined): string | undefined {
  const first = sources?.[0];
  const name = typeof first === 'string' ? first : typeof first === 'object' && first !== null ? (first as { name?: unknown; table?: unknown }).name ?? (first as { table?: unknown }).table : undefined;
  return typeof name === 'string' && /^[A-Za-z_][A-Za-z0-9_.]{0,127}$/.test(name) ? name : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 200);
}
