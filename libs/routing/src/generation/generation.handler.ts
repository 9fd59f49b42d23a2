import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig, GenerationOverrides } from '@llmgw/config';
import { formatNanoUsd, GatewayError, parseRequest, type CallerContext, type ChatCompletionRequest, type TaskType } from '@llmgw/contracts';
import { classifyTask } from '../classification/task-classifier';
import { ChatCompletionHandler, type ChatAnswer } from '../chat/chat-completion.handler';
import type { RouteHints } from '../chat/route-planner';
import { extractArtifacts, type GenerationArtifact } from './generation-artifacts';
import { temperatureFor } from './generation-defaults';
import { ARTIFACT_LANGUAGE, generationMessages } from './generation-prompt';
import { generateRequestSchema, type GenerateRequest } from './generate.request';
import { RULE_BASED_CONFIDENCE, ruleBasedArtifact } from './rule-based-fallback';

const GENERATE_ENDPOINT = 'generate';

/** Nest token of the providers file's `generation` section (live: reloads reach it). */
export const GENERATION_OVERRIDES = Symbol('GENERATION_OVERRIDES');
// Failures a template may stand in for: the providers, not the request, are at fault.
const PROVIDER_FAILURES = new Set(['service_unavailable', 'upstream_error', 'timeout_error', 'rate_limit_error']);

/** The answer of `POST /v1/generate`. */
export interface Generation {
  id: string;
  object: 'generation';
  created: number;
  task_type: TaskType;
  mode: GenerateRequest['mode'];
  generated_by: 'model' | 'rule_based_fallback';
  artifacts: GenerationArtifact[];
  content: string;
  provider: string | null;
  model: string | null;
  confidence: number;
  reasoning: string;
  fallback_count: number;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  cost: string;
  cost_nano_usd: string;
  cache: 'miss' | 'hit' | 'semantic-hit';
}

/**
 * Task-aware generation: classify the intent, pick sampling defaults for the task and mode,
 * build the prompt, and send it down the chat path (routing, fallbacks, metering all apply).
 * When every provider fails, a template answers, labelled as such.
 */
@Injectable()
export class GenerationHandler {
  private readonly defaults: { temperature: number; topP: number; maxTokens: number; timeoutMs: number; ruleBasedFallback: boolean };

  constructor(
    private readonly chat: ChatCompletionHandler,
    config: ConfigService<GatewayConfig, true>,
    @Optional() @Inject(GENERATION_OVERRIDES) private readonly overrides: GenerationOverrides | null = null,
  ) {
    this.defaults = {
      temperature: config.get('DEFAULT_TEMPERATURE', { infer: true }),
      topP: config.get('DEFAULT_TOP_P', { infer: true }),
      maxTokens: config.get('DEFAULT_MAX_TOKENS', { infer: true }),
      timeoutMs: config.get('DEFAULT_TIMEOUT', { infer: true }) * 1000,
      ruleBasedFallback: config.get('GENERATION_RULE_BASED_FALLBACK', { infer: true }),
    };
  }

  async generate(body: unknown, caller: CallerContext, signal: AbortSignal, hints: RouteHints = {}): Promise<Generation> {
    const modeGiven = typeof body === 'object' && body !== null && 'mode' in body;
    const request = parseRequest(generateRequestSchema, body);
    const taskHint = hints.taskType ?? request.task_type;
    const task = classifyTask({ messages: [{ role: 'user', content: request.intent }] }, taskHint ? { header: taskHint } : {});
    const chatRequest: ChatCompletionRequest = {
      model: request.model ?? request.provider ?? 'auto',
      messages: generationMessages(request, task.taskType),
      temperature: temperatureFor({
        requested: request.temperature,
        mode: request.mode,
        modeGiven,
        taskType: task.taskType,
        fallback: this.defaults.temperature,
        overrides: this.overrides ?? undefined,
      }),
      top_p: this.defaults.topP,
      max_tokens: request.max_tokens ?? this.defaults.maxTokens,
      metadata: { task_type: task.taskType },
    };
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(this.defaults.timeoutMs)]);
    try {
      const answer = await this.chat.complete(request.force_regenerate ? { ...chatRequest, cache: { no_cache: true } } : chatRequest, caller, deadline, {
        endpoint: GENERATE_ENDPOINT,
        hints: { ...hints, taskType: task.taskType },
      });
      return this.fromModel(request, task, answer);
    } catch (error) {
      if (this.defaults.ruleBasedFallback && error instanceof GatewayError && PROVIDER_FAILURES.has(error.type)) return this.fromTemplate(request, task.taskType, error);
      throw error;
    }
  }

  private fromModel(request: GenerateRequest, task: { taskType: TaskType; confidence: number }, answer: ChatAnswer): Generation {
    const content = answer.completion.choices[0]?.message.content ?? '';
    const usage = answer.completion.usage;
    return {
      ...this.envelope(answer.completion.id, request, task.taskType),
      generated_by: 'model',
      artifacts: extractArtifacts(content, ARTIFACT_LANGUAGE[task.taskType]),
      content,
      provider: answer.provider,
      model: answer.model,
      confidence: task.confidence,
      reasoning: answer.routeReason,
      fallback_count: answer.fallbackCount,
      usage: { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, total_tokens: usage.total_tokens },
      cost: formatNanoUsd(answer.costNanoUsd),
      cost_nano_usd: String(answer.costNanoUsd),
      cache: answer.cache.startsWith('semantic-hit') ? 'semantic-hit' : answer.cache === 'hit' ? 'hit' : 'miss',
    };
  }

  private fromTemplate(request: GenerateRequest, taskType: TaskType, cause: GatewayError): Generation {
    const artifact = ruleBasedArtifact(request, taskType);
    return {
      ...this.envelope(`gen-fallback-${Date.now().toString(36)}`, request, taskType),
      generated_by: 'rule_based_fallback',
      artifacts: [artifact],
      content: artifact.content,
      provider: null,
      model: null,
      confidence: RULE_BASED_CONFIDENCE,
      reasoning: `every provider failed (${cause.type}: ${cause.message.slice(0, 200)}); answered from a template`,
      fallback_count: 0,
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      cost: formatNanoUsd(0),
      cost_nano_usd: '0',
      cache: 'miss',
    };
  }

  private envelope(id: string, request: GenerateRequest, taskType: TaskType) {
    return { id, object: 'generation' as const, created: Math.floor(Date.now() / 1000), task_type: taskType, mode: request.mode };
  }
}
