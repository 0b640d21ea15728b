/** Injection tokens of the API module. */
export const API_METRICS = Symbol('API_METRICS');
export const API_CONFIG = Symbol('API_CONFIG');
export const REDIS_PROBE = Symbol('REDIS_PROBE');
export const PROJECTION_LAG = Symbol('PROJECTION_LAG');
