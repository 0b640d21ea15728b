import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI document, served at /docs (Swagger UI, assets from the package, no CDN) and /docs-json. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Vinh Danh API')
    .setDescription(
      'Award nominations from pledge to published honour list. Every command is recorded in an append-only, hash-chained log. ' +
        'Errors are RFC 9457 problem+json with a stable `code`. Each operation lists who may call it in `x-access`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', raw: ['json'] });
  return document;
}
