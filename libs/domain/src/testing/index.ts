// Test fixtures of the canonical model, shared by the specs of every layer; never part of a build.
export * from './dispatch-event.fixture.js';
export * from './reference-load.fixture.js';
