export * from './system-api.module.js';
