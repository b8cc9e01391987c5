export * from './audit/audit-chain.verifier.js';
export * from './audit/audit-hash.js';
export * from './audit/audit-log.entity.js';
export * from './audit/audit-log.exception.js';
export * from './audit/audit-log.repository.js';
export * from './column-types.js';
export * from './persistence.module.js';
export * from './transaction.js';
