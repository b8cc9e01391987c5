export * from './column-types.js';
export * from './persistence.module.js';
export * from './transaction.js';
