/**
 * The worker's code, run with `new Worker(source, { eval: true })`: a worker thread cannot load
 * a .ts file under Jest (SWC transforms only the main thread), and the build copies only .ts
 * sources, so plain JavaScript in a string works in both. Module paths come in `workerData`.
 */
export const OFFLINE_EMBEDDER_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { initModel } = require(workerData.embeddingsPath);
const { modelSource } = require(workerData.modelPath);
const ready = initModel(modelSource);
parentPort.on('message', async (message) => {
  try {
    const model = await ready;
    const vectors = await model.embed(message.texts);
    const dimensions = vectors.length > 0 ? vectors[0].length : 0;
    const flat = new Float32Array(vectors.length * dimensions);
    vectors.forEach((vector, row) => flat.set(vector, row * dimensions));
    parentPort.postMessage({ id: message.id, flat, dimensions }, [flat.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String((error && error.message) || error) });
  }
});
`;
