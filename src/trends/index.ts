export * from '../domain/berlin-time.js';
export * from './spikes.js';
export * from './summary.js';
