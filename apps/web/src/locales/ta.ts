/** Every Tamil namespace in one lazily loaded chunk (the file's JSON, by path). */
export default import.meta.glob<Record<string, unknown>>('./ta/*.json', { eager: true, import: 'default' });
