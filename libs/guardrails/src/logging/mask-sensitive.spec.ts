import { maskSensitive } from './mask-sensitive';

describe('maskSensitive', () => {
  it('masks PII and secrets with type labels', () => {
    expect(maskSensitive('user ann@example.com from 10.0.0.7 used AKIAIOSFODNN7EXAMPLE')).toBe('user [EMAIL] from [IP] used [AWS_ACCESS_KEY]');
    expect(maskSensitive('{"db":"postgres://app:Tr0ub4dor@db:5432/x"}')).toBe('{"db":"postgres://app:[PASSWORD]@db:5432/x"}');
  });

  it('returns the very same string when there is nothing to mask', () => {
    const line = 'request 7f3a completed in 12 ms with status 200 (version 1.2.3.4)';
    expect(maskSensitive(line)).toBe(line);
  });
});
