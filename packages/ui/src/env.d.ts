// Vite turns CSS imports into emitted stylesheets; to TypeScript they are side-effect-only modules.
declare module '*.css';
