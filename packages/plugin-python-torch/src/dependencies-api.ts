export * from '../../lang-python/src/dependencies.js';
