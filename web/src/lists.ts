/** The contract returns bare arrays; a wrapped `{ key: [...] }` is accepted too so a refinement on either side does not break the UI. */
export function listOf<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const inner = (body as Record<string, unknown> | null)?.[key];
  return Array.isArray(inner) ? (inner as T[]) : [];
}
