import { CALLERS, MEMBERS, send } from './support/season';
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
    // Served from the package, so the docs work offline.
    const bundle = await api.app.inject({ method: 'GET', url: '/docs/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(100_000);
  });

  it('answers unknown routes with a problem+json 404 carrying the correlation id', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/nothing-here', headers: { 'x-correlation-id': 'corr-123' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['x-correlation-id']).toBe('corr-123');
    expect(response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', correlationId: 'corr-123' });
  });

  it('counts commands by type and outcome, times appends, and reports read-model lag', async () => {
    await send(api, CALLERS.admin, 'POST', '/councils', { councilId: 'ops-1', name: 'Council', members: MEMBERS });
    await send(api, CALLERS.admin, 'POST', '/councils', { councilId: 'ops-1', name: 'Council', members: MEMBERS });
    await send(api, CALLERS.admin, 'POST', '/councils', { councilId: 'ops-2', name: 'Council', members: 'nobody' });
    const response = await api.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/vinhdanh_commands_total\{type="ConstituteCouncil",outcome="accepted"\} 1/);
    expect(response.body).toMatch(/vinhdanh_commands_total\{type="ConstituteCouncil",outcome="(refused|conflict)"\} 1/);
    expect(response.body).toMatch(/vinhdanh_commands_total\{type="ConstituteCouncil",outcome="invalid"\} 1/);
    expect(response.body).toMatch(/vinhdanh_event_append_seconds_count\{backend="postgres"\} 1/);
    expect(response.body).toMatch(/vinhdanh_read_model_lag_events\{projection="audit_trail"\} 1/);
    expect(response.body).toContain('# TYPE vinhdanh_queue_depth gauge');
  });
});

describe('with Redis down', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ config: { redisUrl: 'redis://127.0.0.1:1' } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('reports Redis down on /health and still takes commands (the log is the truth)', async () => {
    const health = await api.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json().details).toMatchObject({ eventStore: { status: 'up' }, redis: { status: 'down' } });
    const command = await send(api, CALLERS.admin, 'POST', '/councils', { councilId: 'no-redis', name: 'Council', members: MEMBERS });
    expect(command.statusCode).toBe(201);
  });
});
