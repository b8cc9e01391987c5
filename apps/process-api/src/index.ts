export * from './process-api.module.js';
