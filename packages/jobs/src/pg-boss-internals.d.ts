// pg-boss 10 ships no types for its internal modules; the completion guard patches one of them.
declare module 'pg-boss/src/manager.js' {
  const Manager: { prototype: Record<string, unknown> };
  export default Manager;
}
