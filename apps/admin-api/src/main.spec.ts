import { ConfigValidationError } from '@llmgw/config';
import { bootstrapAdminApi } from './main';

describe('bootstrapAdminApi', () => {
  it('refuses a bad configuration before starting Nest, naming the variable', async () => {
    const attempt = bootstrapAdminApi({ ADMIN_PORT: '80a', DATABASE_URL: 'postgres://127.0.0.1:1/never-used' });
    await expect(attempt).rejects.toThrow(ConfigValidationError);
    await expect(attempt).rejects.toThrow(/ADMIN_PORT/);
  });

  it('refuses development secrets in production', async () => {
    await expect(bootstrapAdminApi({ NODE_ENV: 'production' })).rejects.toThrow(/JWT_SECRET/);
  });
});
