import pkg from '../package.json' with { type: 'json' };

/** The CLI's version (all Oculum packages are versioned together). */
export const VERSION: string = pkg.version;
