import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

export interface BufferedResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One request whose whole answer is read into a string, through undici's dispatch API. Its
 * `request()` wraps every call in an AsyncResource and a body Readable and listens on the signal
 * itself; for a JSON answer read in full none of that is needed, and it showed in the gateway's
 * profile on every request. Rejects with the signal's reason when it aborts.
 */
export function dispatchBuffered(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, signal: AbortSignal): Promise<BufferedResponse> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    let controller: Dispatcher.DispatchController | null = null;
    let statusCode = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    // Before the request starts there is no controller yet: onRequestStart sees the aborted signal.
    const onAbort = () => controller?.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal.removeEventListener('abort', onAbort);
    dispatcher.dispatch(options, {
      onRequestStart(started) {
        controller = started;
        if (signal.aborted) started.abort(signal.reason);
      },
      onResponseStart(_controller, status, responseHeaders) {
        statusCode = status;
        headers = responseHeaders;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        settle();
        resolve({ statusCode, headers, text: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8') });
      },
      onResponseError(_controller, error) {
        settle();
        reject(error);
      },
    });
  });
}
