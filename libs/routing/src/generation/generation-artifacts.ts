export interface GenerationArtifact {
  language: string;
  content: string;
}

// A fenced block: ```lang\n...\n``` (the language tag optional).
const FENCE = /```([A-Za-z0-9_+-]*)[^\n]*\n([\s\S]*?)```/g;

/** The fenced code blocks of an answer; an answer without any is one artifact in the task's language. */
export function extractArtifacts(text: string, defaultLanguage: string): GenerationArtifact[] {
  const blocks = [...text.matchAll(FENCE)].map((match) => ({ language: (match[1] || defaultLanguage).toLowerCase(), content: (match[2] ?? '').trimEnd() }));
  return blocks.length > 0 ? blocks : [{ language: defaultLanguage, content: text.trim() }];
}
