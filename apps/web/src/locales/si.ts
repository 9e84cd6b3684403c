/** Every Sinhala namespace in one lazily loaded chunk (the file's JSON, by path). */
export default import.meta.glob<Record<string, unknown>>('./si/*.json', { eager: true, import: 'default' });
