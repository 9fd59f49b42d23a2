/** Posts one alert as JSON; throws with a short reason when the endpoint does not answer 2xx in time. */
export class AlertWebhookSender {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async send(payload: object): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'llmgw-budget-alerts' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error ? (error.name === 'TimeoutError' ? `timed out after ${this.timeoutMs} ms` : error.message) : String(error);
      throw new Error(`webhook unreachable: ${reason}`, { cause: error });
    }
    await response.body?.cancel();
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
  }
}
