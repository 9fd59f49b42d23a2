import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ProvidersFile, ProvidersFileSource } from '@llmgw/config';
import { applyProvidersFile } from '../registry/apply-providers-file';
import type { ModelEntry } from '../registry/model-entry';
import { ModelRegistry } from '../registry/model-registry';

/** The model registry built from the catalogue and the providers file, kept in step with its reloads. */
export function bindModelRegistry(source: ProvidersFileSource, catalogue: readonly ModelEntry[], enabledProviders: readonly string[]): ModelRegistry {
  const build = (file: ProvidersFile) => applyProvidersFile(catalogue, file);
  const registry = new ModelRegistry(build(source.current()), enabledProviders);
  source.register({
    // A dry run: an unknown owner, a new model without prices or a duplicate id refuses the version.
    validate: (file) => void new ModelRegistry(build(file), enabledProviders),
    apply: (file) => registry.replace(build(file)),
  });
  return registry;
}

/** Watches the file while the app runs. */
export class ProvidersFileWatch implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ProvidersFile');

  constructor(private readonly source: ProvidersFileSource) {}

  onModuleInit(): void {
    this.source.watch();
    if (this.source.path) this.logger.log(`watching ${this.source.path} for changes`);
  }

  onModuleDestroy(): void {
    this.source.close();
  }
}
