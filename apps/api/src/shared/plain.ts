/**
 * A validated DTO as plain JSON data: events are hashed as canonical JSON, so class instances
 * (and any undefined left by optional fields) must not reach them.
 */
export function plain<T extends object>(dto: T): T {
  return JSON.parse(JSON.stringify(dto)) as T;
}
