import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const ASSETS = { 'swagger-ui.css': 'text/css; charset=utf-8', 'swagger-ui-bundle.js': 'application/javascript; charset=utf-8' } as const;

/**
 * OpenAPI JSON at /docs/openapi.json and Swagger UI at /docs. SwaggerModule.setup needs
 * @fastify/static (not installable here), so the page and its two assets are served directly
 * from `swagger-ui-dist` (a dependency of @nestjs/swagger); without it /docs links the JSON.
 */
export function installApiDocs(app: NestFastifyApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('LLM gateway admin API')
      .setDescription(
        'The control plane: API keys, teams, admin users, usage, circuit breakers, provider status, configuration and the audit log. ' +
          'Get a token with POST /admin/auth/login (or from your identity provider) and send it as a Bearer token. ' +
          'Viewers may call GET routes only. Errors use the OpenAI shape {"error":{"message","type","param","code"}}.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  const fastify = app.getHttpAdapter().getInstance();
  const uiDir = swaggerUiDir();
  fastify.get('/docs/openapi.json', async () => document);
  fastify.get('/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page(uiDir !== null)));
  if (uiDir) {
    for (const [file, type] of Object.entries(ASSETS)) {
      const content = readFileSync(path.join(uiDir, file));
      fastify.get(`/docs/${file}`, async (_request, reply) => reply.type(type).header('cache-control', 'public, max-age=86400').send(content));
    }
  }
  return document;
}

function swaggerUiDir(): string | null {
  try {
    return path.dirname(require.resolve('swagger-ui-dist/package.json'));
  } catch {
    return null;
  }
}

function page(withUi: boolean): string {
  const body = withUi
    ? `<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });</script>`
    : '<p>Swagger UI is not installed (package swagger-ui-dist). The OpenAPI document: <a href="/docs/openapi.json">/docs/openapi.json</a></p>';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>LLM gateway admin API</title>${withUi ? '<link rel="stylesheet" href="/docs/swagger-ui.css">' : ''}</head>
<body>${body}</body>
</html>`;
}
