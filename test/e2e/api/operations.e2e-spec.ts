import { startTestApi, type TestApi } from './support/test-api';

describe('API operations', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('reports the event store, Redis and projection lag at /health', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/health' });
    const body = response.json();
    expect(body.details.eventStore.status).toBe('up');
    expect(body.details.redis).toBeDefined();
    expect(body.details.projections).toBeDefined();
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const json = await api.app.inject({ method: 'GET', url: '/docs-json' });
    expect(json.statusCode).toBe(200);
    expect(json.json().openapi).toMatch(/^3\./);
    const ui = await api.app.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger-ui');
  });

  it('answers unknown routes with a problem+json 404 carrying the correlation id', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/nothing-here', headers: { 'x-correlation-id': 'corr-123' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['x-correlation-id']).toBe('corr-123');
    expect(response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', correlationId: 'corr-123' });
  });

  it('exposes Prometheus metrics', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('vinhdanh_commands_total');
    expect(response.body).toContain('vinhdanh_event_append_seconds');
    expect(response.body).toContain('vinhdanh_queue_depth');
  });
});
