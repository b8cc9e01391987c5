export * from './experience-api.module.js';
