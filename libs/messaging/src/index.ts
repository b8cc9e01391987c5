export * from './event-bus.js';
export * from './event-envelope.js';
export * from './in-process-event-bus.js';
